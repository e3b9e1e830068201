package ctxmissing

import (
	"fmt"
	"go/ast"
	"go/token"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/structlint/structlint/internal/fix"
	"github.com/structlint/structlint/internal/model"
)

// requestFix rewrites http.Get and friends (and the same methods of a
// client with no Timeout) to a request with a deadline, as they would be
// written by hand, keeping what they do:
//
//	resp, err := http.Get(url)
//	if err != nil {
//		return err
//	}
//
// becomes
//
//	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
//	defer cancel()
//	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
//	if err != nil {
//		return err
//	}
//	resp, err := http.DefaultClient.Do(req)
//	if err != nil {
//		return err
//	}
//
// The error check that follows the call is repeated for the request,
// whose error http.Get would have returned; so the fix needs one, and it
// must leave the function. The assignment form, resp, err = http.Get(url),
// gets the same fix, with an assignment to err where a declaration would
// hide it.
//
// Given the context its function was given (parent), the request takes
// that instead, with no deadline of its own.
func requestFix(pass *analysis.Pass, m *model.Model, bc *model.BlockingCall, parent string) (analysis.SuggestedFix, bool) {
	fn := model.Callee(&bc.Call.Call)
	if fn == nil || fn.Pkg().Path() != "net/http" {
		return analysis.SuggestedFix{}, false // tls.Dial, smtp.Dial: no request to make
	}
	cur, call, ok := m.CallSyntax(bc.Call)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	sel, isSel := call.Fun.(*ast.SelectorExpr)
	if !isSel || escapes(bc) {
		return analysis.SuggestedFix{}, false
	}
	stmt, block, ok := insertionPoint(cur)
	as, isAssign := stmt.(*ast.AssignStmt)
	if !ok || !isAssign || as.Tok != token.DEFINE && as.Tok != token.ASSIGN || len(as.Lhs) != 2 || len(as.Rhs) != 1 || as.Rhs[0] != call {
		return analysis.SuggestedFix{}, false
	}
	resp, _ := as.Lhs[0].(*ast.Ident)
	errID, _ := as.Lhs[1].(*ast.Ident)
	if resp == nil || errID == nil || resp.Name == "_" || errID.Name == "_" {
		return analysis.SuggestedFix{}, false
	}
	check, ok := errCheck(pass, block, stmt, errID, resp)
	if !ok {
		return analysis.SuggestedFix{}, false
	}

	pos := stmt.Pos()
	b := fix.NewBuilder(pass, pos)
	scope := pass.TypesInfo.Scopes[b.File].Innermost(pos)
	httpPkg := b.Import("net/http", pos)
	client := httpPkg + ".DefaultClient"
	if fn.Signature().Recv() != nil {
		client = b.Source(sel.X)
	}
	url, body, contentType := b.Source(call.Args[0]), "nil", ""
	method := sel.Sel.Name
	switch method {
	case "Post":
		if !simple(call.Args[1]) {
			return analysis.SuggestedFix{}, false
		}
		contentType, body = b.Source(call.Args[1]), b.Source(call.Args[2])
	case "PostForm":
		method = "Post"
		contentType = strconv.Quote("application/x-www-form-urlencoded")
		body = fmt.Sprintf("%s.NewReader(%s.Encode())", b.Import("strings", pos), b.Source(call.Args[1]))
	}

	req := fix.FreshName(m, scope, pos, "req")
	var lines []string
	ctx, message := parent, fmt.Sprintf("Send the request with %s", parent)
	if parent == "" {
		ctx = fix.FreshName(m, scope, pos, "ctx")
		cancel := fix.FreshName(m, scope, pos, "cancel")
		contextPkg := b.Import("context", pos)
		lines = append(lines, fmt.Sprintf("%s, %s := %s.WithTimeout(%s.Background(), %s)", ctx, cancel, contextPkg, contextPkg, duration(b, pos, timeout)),
			fmt.Sprintf("defer %s()", cancel))
		message = fmt.Sprintf("Send the request with a %v deadline", timeout)
	}
	newRequest := fmt.Sprintf("%s.NewRequestWithContext(%s, %s.Method%s, %s, %s)", httpPkg, ctx, httpPkg, method, url, body)
	if as.Tok == token.ASSIGN && pass.TypesInfo.Uses[errID].Parent() != scope {
		// err is an enclosing block's: req, err := would hide it.
		lines = append(lines, fmt.Sprintf("var %s *%s.Request", req, httpPkg), fmt.Sprintf("%s, %s = %s", req, errID.Name, newRequest))
	} else {
		lines = append(lines, fmt.Sprintf("%s, %s := %s", req, errID.Name, newRequest))
	}
	lines = append(lines, b.Source(check))
	if contentType != "" {
		lines = append(lines, fmt.Sprintf("%s.Header.Set(\"Content-Type\", %s)", req, contentType))
	}
	lines = append(lines, fmt.Sprintf("%s, %s %s %s.Do(%s)", resp.Name, errID.Name, as.Tok, client, req))
	text := strings.Join(lines, "\n"+b.Indent(pos))
	b.Replace(stmt.Pos(), stmt.End(), text)
	return b.Fix(message), true
}

// errCheck returns the `if err != nil { … return … }` that follows stmt in
// block, if its body ends by returning and does not use resp.
func errCheck(pass *analysis.Pass, block ast.Node, stmt ast.Stmt, errID, resp *ast.Ident) (*ast.IfStmt, bool) {
	var list []ast.Stmt
	switch block := block.(type) {
	case *ast.BlockStmt:
		list = block.List
	case *ast.CaseClause:
		list = block.Body
	case *ast.CommClause:
		list = block.Body
	}
	for i, s := range list[:len(list)-1] {
		if s != stmt {
			continue
		}
		check, ok := list[i+1].(*ast.IfStmt)
		if !ok || check.Init != nil || check.Else != nil || len(check.Body.List) == 0 {
			return nil, false
		}
		cond, ok := check.Cond.(*ast.BinaryExpr)
		if !ok || cond.Op != token.NEQ || !isIdent(cond.X, errID.Name) || !isIdent(cond.Y, "nil") {
			return nil, false
		}
		if _, ok := check.Body.List[len(check.Body.List)-1].(*ast.ReturnStmt); !ok {
			return nil, false
		}
		respObj := pass.TypesInfo.Defs[resp]
		uses := false
		ast.Inspect(check, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && pass.TypesInfo.Uses[id] == respObj {
				uses = true
			}
			return !uses
		})
		return check, !uses
	}
	return nil, false
}

// simple reports whether e can be evaluated later without changing
// anything: a literal, a name, or a selector of one.
func simple(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.BasicLit, *ast.Ident:
		return true
	case *ast.SelectorExpr:
		return simple(e.X)
	}
	return false
}
