package ctxmissing

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/structlint/structlint/internal/fix"
	"github.com/structlint/structlint/internal/model"
)

// timeoutFix puts one task.Timeout around the calls of a function that
// share a deadline-free context, when they lie in the statements that end
// a function returning just an error:
//
//	return task.Timeout(ctx, 30*time.Second, func(ctx context.Context) error {
//		…the statements, unchanged…
//	})
//
// A return among them returns from the closure the error the function
// would have returned, and their defers run as the closure returns, which
// is when the function returns: the statements mean what they meant,
// under one deadline.
func timeoutFix(pass *analysis.Pass, m *model.Model, bc *model.BlockingCall, findings []*model.BlockingCall) (analysis.SuggestedFix, bool) {
	first, ok := entryOf(pass, m, bc)
	if !ok || first.arg == nil {
		return analysis.SuggestedFix{}, false
	}
	// The calls that share bc's context, or pass context.Background()
	// as bc does.
	var entries []entry
	for _, f := range findings {
		e, ok := entryOf(pass, m, f)
		if f.CtxArg == nil || f.Ctx.Origin != bc.Ctx.Origin && !(ok && isBackground(pass, e.arg) && isBackground(pass, first.arg)) {
			continue
		}
		if !ok || e.arg == nil || escapes(f) {
			return analysis.SuggestedFix{}, false
		}
		entries = append(entries, e)
	}
	if len(entries) < 2 {
		return analysis.SuggestedFix{}, false
	}
	body, ok := errorFuncBody(pass, entries[0].cur)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	k := slices.IndexFunc(body.List, func(s ast.Stmt) bool {
		return slices.ContainsFunc(entries, func(e entry) bool { return s.Pos() <= e.arg.Pos() && e.arg.End() <= s.End() })
	})
	if k < 0 {
		return analysis.SuggestedFix{}, false
	}
	tail := body.List[k:]
	start, end := tail[0].Pos(), tail[len(tail)-1].End()
	if !structured(tail) {
		return analysis.SuggestedFix{}, false
	}

	b := fix.NewBuilder(pass, start)
	scope := pass.TypesInfo.Scopes[b.File].Innermost(start)
	var outer, param string
	var edits []analysis.TextEdit // to the tail
	if id, ok := entries[0].arg.(*ast.Ident); ok {
		// One variable: the closure's parameter shadows it.
		v := pass.TypesInfo.Uses[id]
		waits := make(map[token.Pos]bool)
		for _, e := range entries {
			waits[e.arg.Pos()] = true
			if x, ok := e.arg.(*ast.Ident); !ok || pass.TypesInfo.Uses[x] != v {
				return analysis.SuggestedFix{}, false
			}
		}
		only := v.Pos() < start && types.Identical(v.Type(), contextType(pass))
		for _, s := range tail {
			ast.Inspect(s, func(n ast.Node) bool {
				if use, ok := n.(*ast.Ident); ok && pass.TypesInfo.Uses[use] == v && !waits[use.Pos()] {
					only = false
				}
				return only
			})
		}
		if !only {
			return analysis.SuggestedFix{}, false
		}
		outer, param = id.Name, id.Name
	} else {
		// context.Background() at each call: the closure passes its own.
		outer = b.Source(entries[0].arg)
		param = fix.FreshName(m, scope, start, "ctx")
		for _, e := range entries {
			if _, ok := e.arg.(*ast.Ident); ok {
				return analysis.SuggestedFix{}, false
			}
			edits = append(edits, analysis.TextEdit{Pos: e.arg.Pos(), End: e.arg.End(), NewText: []byte(param)})
		}
	}

	// The tail's text, with the edits applied and indented one level more.
	var text strings.Builder
	var raw [][2]int
	at := start
	slices.SortFunc(edits, func(a, b analysis.TextEdit) int { return int(a.Pos - b.Pos) })
	for _, e := range edits {
		text.WriteString(source(b, at, e.Pos))
		text.Write(e.NewText)
		at = e.End
	}
	text.WriteString(source(b, at, end))
	for _, s := range tail {
		ast.Inspect(s, func(n ast.Node) bool {
			if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING && strings.HasPrefix(lit.Value, "`") {
				raw = append(raw, [2]int{shifted(edits, start, lit.Pos()), shifted(edits, start, lit.End())})
			}
			return true
		})
	}
	indent := b.Indent(start)
	taskPkg := b.Import(model.TaskPath, start)
	contextPkg := b.Import("context", start)
	b.Replace(start, end, fmt.Sprintf("return %s.Timeout(%s, %s, func(%s %s.Context) error {\n%s\t%s\n%s})",
		taskPkg, outer, duration(b, start, timeout), param, contextPkg, indent, reindent(text.String(), raw), indent))
	return b.Fix(fmt.Sprintf("Run the calls under one %v task.Timeout", timeout)), true
}

// shifted returns the offset of pos in the tail's text once edits are
// applied to it.
func shifted(edits []analysis.TextEdit, start, pos token.Pos) int {
	off := int(pos - start)
	for _, e := range edits {
		if e.End <= pos {
			off += len(e.NewText) - int(e.End-e.Pos)
		}
	}
	return off
}

// errorFuncBody returns the body of the function enclosing cur, if it
// returns just an unnamed error.
func errorFuncBody(pass *analysis.Pass, cur inspector.Cursor) (*ast.BlockStmt, bool) {
	for c := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		var typ *ast.FuncType
		var body *ast.BlockStmt
		switch n := c.Node().(type) {
		case *ast.FuncDecl:
			typ, body = n.Type, n.Body
		case *ast.FuncLit:
			typ, body = n.Type, n.Body
		}
		res := typ.Results
		ok := body != nil && res != nil && len(res.List) == 1 && len(res.List[0].Names) == 0 &&
			model.IsError(pass.TypesInfo.TypeOf(res.List[0].Type))
		return body, ok
	}
	return nil, false
}

// structured reports whether statements can move into a closure as they
// are: no labels or goto, whose targets would be cut off, and no go
// statements, whose goroutines might outlive the deadline.
func structured(stmts []ast.Stmt) bool {
	ok := true
	for _, s := range stmts {
		ast.Inspect(s, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.LabeledStmt, *ast.GoStmt:
				ok = false
			case *ast.BranchStmt:
				ok = ok && n.Tok != token.GOTO
			}
			return ok
		})
	}
	return ok
}
