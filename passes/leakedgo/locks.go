package leakedgo

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/ssa"

	"github.com/structlint/structlint/internal/fix"
	"github.com/structlint/structlint/internal/model"
)

// locks reports the ways the package's goroutines can block forever on a
// lock or a Cond (see model.LockFinding).
func (c *checker) locks() {
	for _, f := range c.m.LockFindings() {
		if f.Kind == model.Inversion && !lockOrder {
			continue
		}
		pos := f.Pos()
		c.at = pos
		if c.reported[f.At] {
			continue
		}
		c.reported[f.At] = true
		d := analysis.Diagnostic{Pos: pos}
		switch f.Kind {
		case model.DoubleLock:
			d.Message = c.doubleLock(f)
		case model.HeldAcross:
			d.Message = c.heldAcross(f)
		case model.Inversion:
			d.Message = c.inversion(f)
		case model.Unreleased:
			d.Message = c.unreleased(f)
		case model.CondUnsignalled:
			d.Message = c.condUnsignalled(f)
		case model.CondUnwoken:
			d.Message = c.condUnwoken(f)
		}
		d.Related = c.related(f)
		if fix, ok := c.lockFix(f); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{fix}
		}
		c.r.Report(d)
	}
}

// lockCallText renders the lock a Lock or Unlock call takes, as written:
// "s.mu", or "t" for t.Lock() on a type that embeds its mutex.
func (c *checker) lockCallText(instr ssa.Instruction) (string, bool) {
	call, ok := instr.(ssa.CallInstruction)
	if !ok {
		return "", false
	}
	_, expr, ok := c.m.CallSyntax(call)
	if !ok {
		return "", false
	}
	sel, ok := ast.Unparen(expr.Fun).(*ast.SelectorExpr)
	if !ok {
		return "", false
	}
	switch sel.Sel.Name {
	case "Lock", "RLock", "Unlock", "RUnlock":
		if fn, ok := c.m.Pass.TypesInfo.Uses[sel.Sel].(*types.Func); ok && fn.Pkg() != nil && fn.Pkg().Path() == "sync" {
			return types.ExprString(sel.X), true
		}
	}
	return "", false
}

// lockName renders the lock s takes: as written at its Lock call, or,
// for a lock another package's function takes, the value it is called on
// and the fields that hold the lock ("s.mu" for s.Get()).
func (c *checker) lockName(s *model.LockSite) string {
	inner := s.Inner
	if inner == nil {
		inner = s.Instr
	}
	if text, ok := c.lockCallText(inner); ok {
		return text
	}
	name := "the lock"
	if !inner.Pos().IsValid() {
		inner = s.Instr // in a wrapper go/ssa made: name it where it is called
	}
	if call, ok := inner.(ssa.CallInstruction); ok {
		if _, expr, ok := c.m.CallSyntax(call); ok {
			var args []ast.Expr
			if sel, ok := ast.Unparen(expr.Fun).(*ast.SelectorExpr); ok && c.m.Pass.TypesInfo.Selections[sel] != nil {
				args = append(args, sel.X)
			}
			args = append(args, expr.Args...)
			if arg := c.lockHolder(args, s.Fields); arg != nil {
				name = types.ExprString(arg)
			}
		}
	}
	for _, f := range s.Fields {
		if !f.Embedded() {
			name += "." + f.Name()
		}
	}
	return name
}

// lockHolder returns the operand of a call that holds the lock at the
// end of fields: the first whose struct has fields[0], or the first
// operand when nothing tells.
func (c *checker) lockHolder(args []ast.Expr, fields []*types.Var) ast.Expr {
	if len(args) == 0 {
		return nil
	}
	if len(fields) > 0 {
		for _, arg := range args {
			t := c.m.Pass.TypesInfo.TypeOf(arg)
			if t == nil {
				continue
			}
			if p, ok := t.Underlying().(*types.Pointer); ok {
				t = p.Elem()
			}
			if st, ok := t.Underlying().(*types.Struct); ok {
				for i := range st.NumFields() {
					if st.Field(i).Origin() == fields[0].Origin() {
						return arg
					}
				}
			}
		}
	}
	return args[0]
}

// funcOf names the function instr is in, for messages.
func funcOf(instr ssa.Instruction) string { return model.FuncLabel(instr.Parent()) }

// line says where instr is, for a message about the finding at c.at:
// "line 12", or "store.go:12" in another file.
func (c *checker) line(instr ssa.Instruction) string { return c.linePos(instr.Pos()) }

func (c *checker) linePos(pos token.Pos) string { return c.m.LineFrom(c.at, pos) }

// calleeName names the function call calls: "commit", "Get".
func calleeName(instr ssa.Instruction) string {
	call, ok := instr.(ssa.CallInstruction)
	if !ok {
		return "a function"
	}
	common := call.Common()
	switch {
	case common.IsInvoke():
		return common.Method.Name()
	case common.StaticCallee() != nil && common.StaticCallee().Parent() == nil:
		return common.StaticCallee().Name()
	}
	return "a function"
}

func (c *checker) isLockCall(instr ssa.Instruction) bool {
	_, ok := c.lockCallText(instr)
	return ok
}

// verbs returns "locked" and "locks", or their read forms.
func verbs(read bool) (string, string) {
	if read {
		return "read-locked", "read-locks"
	}
	return "locked", "locks"
}

// holder says who holds lock s and where it was taken: "it holds",
// "locked at line 12" (or "locked in lockFor (line 12), called at line
// 20", "locked by its call of Lock at line 20"); or, when the callers hold
// it, "its callers hold", "Put locks it at line 12 and calls put at line
// 13".
func (c *checker) holder(s *model.LockSite) (who, where string) {
	past, present := verbs(s.Read)
	inner := s.Inner
	if inner == nil {
		inner = s.Instr
	}
	if s.Caller != nil {
		return "its callers hold", fmt.Sprintf("%s %s it at %s and calls %s at %s",
			funcOf(s.Instr), present, c.line(s.Instr), calleeName(s.Caller), c.line(s.Caller))
	}
	switch {
	case inner == s.Instr:
		return "it holds", fmt.Sprintf("%s at %s", past, c.line(inner))
	case c.isLockCall(inner):
		return "it holds", fmt.Sprintf("%s in %s (%s), called at %s", past, funcOf(inner), c.line(inner), c.line(s.Instr))
	}
	return "it holds", fmt.Sprintf("%s by its call of %s at %s", past, calleeName(s.Instr), c.line(s.Instr))
}

// takes describes how a function takes lock s, at instruction at:
// "locking s.mu (line 12)", or "in its call of commit (line 20), which
// locks b (line 12)".
func (c *checker) takes(s *model.LockSite, at ssa.Instruction) string {
	x := c.lockName(s)
	_, present := verbs(s.Read)
	inner := s.Inner
	if inner == nil || inner == at && c.isLockCall(at) {
		doing := "locking"
		if s.Read {
			doing = "read-locking"
		}
		return fmt.Sprintf("%s %s (%s)", doing, x, c.line(at))
	}
	if inner == at {
		return fmt.Sprintf("in its call of %s (%s), which %s %s", calleeName(at), c.line(at), present, x)
	}
	return fmt.Sprintf("in its call of %s (%s), which %s %s (%s)", calleeName(at), c.line(at), present, x, c.line(inner))
}

func (c *checker) doubleLock(f *model.LockFinding) string {
	fn := funcOf(f.At)
	doing := c.takes(f.Takes, f.At)
	who, where := c.holder(f.Held)
	switch {
	case f.Held.Read && f.Takes.Read:
		w := ""
		if f.Writer != nil {
			w = fmt.Sprintf(" (%s, %s)", funcOf(f.Writer), c.line(f.Writer))
		}
		return fmt.Sprintf("%s can block forever %s: %s a read lock on it already (%s), and a Lock waiting in between%s blocks this RLock until the first is released, which never happens", fn, doing, who, where, w)
	case f.Held.Read:
		return fmt.Sprintf("%s blocks forever %s: %s a read lock on it (%s), and Lock waits until every read lock is released", fn, doing, who, where)
	case f.Takes.Read:
		return fmt.Sprintf("%s blocks forever %s: %s its write lock (%s)", fn, doing, who, where)
	}
	return fmt.Sprintf("%s blocks forever %s: %s it already (%s)", fn, doing, who, where)
}

func (c *checker) heldAcross(f *model.LockFinding) string {
	op := f.Blocked[0]
	doing := c.doingOp(op, f.Blocked)
	if len(f.Via) > 0 {
		doing = fmt.Sprintf("in its call of %s (%s), which waits %s", calleeName(f.At), c.line(f.At), doing)
	}
	x := c.lockName(f.Held)
	who := "the goroutine that would release it"
	if p := f.Partner; p != nil {
		who = fmt.Sprintf("the goroutine that %s (%s, %s)", releasing(p), c.goroutineOf(p), c.linePos(p.Pos()))
	}
	first := fmt.Sprintf("%s first (%s)", x, c.line(f.Needs))
	if f.Partner == nil || f.Needs.Parent() != f.Partner.Fn() {
		first = fmt.Sprintf("%s first (in %s, %s)", x, funcOf(f.Needs), c.line(f.Needs))
	}
	holds, where := c.holder(f.Held)
	return fmt.Sprintf("%s blocks forever %s while %s %s (%s): %s takes %s", funcOf(f.At), doing, holds, x, where, who, first)
}

// goroutineOf names the goroutine that makes partner p: its function
// when a goroutine runs it as its body, or else the one goroutine body
// that calls it, "watcher, in Fire" (Fire being a helper, or a literal
// in one, that the watcher goroutine calls).
func (c *checker) goroutineOf(p *model.Operation) string {
	fn := p.Fn()
	gs := c.m.Goroutines(c.m.Up(fn))
	if len(gs) != 1 || gs[0].Body == nil || gs[0].Body == fn {
		return funcOf(p.Instr)
	}
	named := fn
	for named.Parent() != nil {
		named = named.Parent()
	}
	if named == gs[0].Body {
		return funcOf(p.Instr)
	}
	return fmt.Sprintf("%s, in %s", model.FuncLabel(gs[0].Body), model.FuncLabel(named))
}

// doingOp describes blocking operation op: "sending on ch (line 12)", or
// for a select, "in its select (line 12)".
func (c *checker) doingOp(op *model.Operation, ops []*model.Operation) string {
	if len(ops) > 1 {
		return fmt.Sprintf("in its select (%s)", c.linePos(op.Instr.Pos()))
	}
	what := c.m.OperandText(op)
	if what == "" {
		what = "the " + op.Class.Kind.String()
	}
	return opText(op, what, c.linePos(op.Pos()))
}

// releasing says what partner p does: "receives from it".
func releasing(p *model.Operation) string {
	switch p.Op {
	case model.Send:
		return "sends on it"
	case model.Recv, model.Range:
		return "receives from it"
	case model.Close:
		return "closes it"
	case model.Done:
		return "calls Done"
	case model.Signal, model.Broadcast:
		return "signals it"
	}
	return "releases it"
}

// takeAt says where a function takes lock s: "at line 12", "in
// resetConnectBackoff (line 12), called at line 20".
func (c *checker) takeAt(s *model.LockSite) string {
	inner := s.Inner
	switch {
	case inner == nil || inner == s.Instr && c.isLockCall(inner):
		return fmt.Sprintf("at %s", c.line(s.Instr))
	case inner == s.Instr:
		return fmt.Sprintf("in its call of %s at %s", calleeName(inner), c.line(inner))
	}
	return fmt.Sprintf("in %s (%s), called at %s", funcOf(inner), c.line(inner), c.line(s.Instr))
}

func (c *checker) inversion(f *model.LockFinding) string {
	_, present := verbs(f.Takes.Read)
	_, where := c.holder(f.Held)
	first := fmt.Sprintf("%s %s %s %s while it holds %s (%s)", funcOf(f.Takes.Instr), present, c.lockName(f.Takes), c.takeAt(f.Takes), c.lockName(f.Held), where)
	if f.Other == nil {
		return first + ": two locks of one type, taken in the order of its arguments; a call with the arguments the other way round, at the same time, takes them in the other order, and both wait forever; lock them in a fixed order (by ID or address)"
	}
	o := f.Other
	_, opresent := verbs(o.Takes.Read)
	_, owhere := c.holder(o.Held)
	return fmt.Sprintf("%s, and %s %s %s %s while it holds %s (%s): run at the same time, each waits forever for the other; take the two locks in one order",
		first, funcOf(o.Takes.Instr), opresent, c.lockName(o.Takes), c.takeAt(o.Takes), c.lockName(o.Held), owhere)
}

func (c *checker) unreleased(f *model.LockFinding) string {
	x := c.lockName(f.Held)
	past, _ := verbs(f.Held.Read)
	fn := funcOf(f.At)
	ret := c.linePos(model.ReturnPos(f.Return))
	how := fmt.Sprintf("returns at %s with %s still %s (%s)", ret, x, past, c.line(f.At))
	fix := "unlock it before that return"
	if f.Loop {
		how = fmt.Sprintf("goes round its loop with %s still %s (%s), and returns at %s", x, past, c.line(f.At), ret)
		fix = "unlock it before going round"
	}
	next := ""
	if f.Next != nil {
		who := funcOf(f.Next)
		if f.Next.Parent().Parent() != nil && f.Next.Parent() != f.At.Parent() {
			who = "a function literal" // not the one the finding is in
		}
		next = fmt.Sprintf(": the next lock of it (%s, %s) blocks forever", who, c.line(f.Next))
	}
	return fmt.Sprintf("%s %s%s; %s", fn, how, next, fix)
}

func (c *checker) condUnsignalled(f *model.LockFinding) string {
	w := c.m.OperandText(f.Wait)
	return fmt.Sprintf("%s can wait forever in %s.Wait (%s): it waits for %s to change, but %s changes it (%s) without calling %s.Signal or %s.Broadcast",
		funcOf(f.At), w, c.linePos(f.Wait.Pos()), f.Field.Name(), funcOf(f.Store), c.line(f.Store), w, w)
}

func (c *checker) condUnwoken(f *model.LockFinding) string {
	w := c.m.OperandText(f.Wait)
	return fmt.Sprintf("%s waits in %s.Wait (%s) after changing %s (%s), which %s waits on (%s), without waking it: both can wait forever; call %s.Broadcast() before waiting",
		funcOf(f.At), w, c.line(f.At), f.Field.Name(), c.line(f.Store), funcOf(f.Wait.Instr), c.linePos(f.Wait.Pos()), w)
}

// related returns the positions a finding names.
func (c *checker) related(f *model.LockFinding) []analysis.RelatedInformation {
	var rel []analysis.RelatedInformation
	add := func(instr ssa.Instruction, msg string) {
		if instr != nil && instr.Pos().IsValid() {
			rel = append(rel, analysis.RelatedInformation{Pos: instr.Pos(), Message: msg})
		}
	}
	if f.Held != nil {
		if f.Held.Inner != nil {
			add(f.Held.Inner, "locked here")
		} else {
			add(f.Held.Instr, "locked here")
		}
		if f.Held.Caller != nil {
			add(f.Held.Caller, "called here with the lock held")
		}
	}
	if f.Inner != nil {
		add(f.Inner, "blocks here")
	}
	add(f.Needs, "its partner takes the lock here")
	if f.Other != nil {
		add(f.Other.Held.Inner, "the other lock is held here")
		add(f.Other.Takes.Inner, "and this one taken here")
	}
	if f.Return != nil {
		rel = append(rel, analysis.RelatedInformation{Pos: model.ReturnPos(f.Return), Message: "returns here with the lock held"})
	}
	add(f.Next, "blocks here")
	if f.Store != nil {
		add(f.Store, "changed here")
	}
	return rel
}

// lockFix returns the suggested fix of a finding, if it has a safe one:
// defer the unlock of a lock left held on one path, or move a send out of
// the critical section when what it sends does not need the lock.
func (c *checker) lockFix(f *model.LockFinding) (analysis.SuggestedFix, bool) {
	switch f.Kind {
	case model.Unreleased:
		return c.deferUnlockFix(f)
	case model.HeldAcross:
		return c.moveSendFix(f)
	}
	return analysis.SuggestedFix{}, false
}

// stmtOf returns the statement a call is, and the list it is in.
func (c *checker) stmtOf(instr ssa.Instruction) (ast.Stmt, inspector.Cursor, bool) {
	call, ok := instr.(ssa.CallInstruction)
	if !ok {
		return nil, inspector.Cursor{}, false
	}
	cur, _, ok := c.m.CallSyntax(call)
	if !ok {
		return nil, inspector.Cursor{}, false
	}
	parent := cur.Parent()
	stmt, ok := parent.Node().(*ast.ExprStmt)
	return stmt, parent, ok
}

// next returns the statement after stmt in its block, or nil; and the
// block, or nil if stmt is not in one.
func next(cur inspector.Cursor) (ast.Stmt, *ast.BlockStmt) {
	block, ok := cur.Parent().Node().(*ast.BlockStmt)
	if !ok {
		return nil, nil
	}
	for i, s := range block.List {
		if s == cur.Node() && i+1 < len(block.List) {
			return block.List[i+1], block
		}
	}
	return nil, block
}

// deferUnlockFix defers the unlock of a lock left held on one path, right
// after its Lock, when every unlock of it in the function comes right
// before a return (whose results compute nothing that could block) or
// ends the function: moving it to the return changes nothing else.
func (c *checker) deferUnlockFix(f *model.LockFinding) (analysis.SuggestedFix, bool) {
	if f.Loop || f.Relocks || len(f.Unlocks) == 0 || c.m.InLoop(f.At) {
		return analysis.SuggestedFix{}, false
	}
	x, ok := c.lockCallText(f.At)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	lock, _, ok := c.stmtOf(f.At)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	b := fix.NewBuilder(c.m.Pass, lock.Pos())
	if b == nil {
		return analysis.SuggestedFix{}, false
	}
	for _, u := range f.Unlocks {
		if _, ok := u.(*ssa.Call); !ok || !model.Dominates(f.At, u) {
			return analysis.SuggestedFix{}, false
		}
		stmt, cur, ok := c.stmtOf(u)
		if !ok {
			return analysis.SuggestedFix{}, false
		}
		after, block := next(cur)
		switch after := after.(type) {
		case nil:
			// The last statement of the function's body, with no results.
			fn := f.At.Parent()
			if block == nil || fn.Signature.Results().Len() > 0 || !isBody(cur.Parent()) {
				return analysis.SuggestedFix{}, false
			}
		case *ast.ReturnStmt:
			for _, r := range after.Results {
				if computes(r) {
					return analysis.SuggestedFix{}, false
				}
			}
		default:
			return analysis.SuggestedFix{}, false
		}
		b.DeleteLine(stmt)
	}
	method := "Unlock"
	if f.Held.Read {
		method = "RUnlock"
	}
	b.Insert(b.LineEnd(lock.End()), fmt.Sprintf("\n%sdefer %s.%s()", b.Indent(lock.Pos()), x, method))
	return b.Fix(fmt.Sprintf("Defer %s.%s() right after %s", x, method, strings.TrimPrefix(method, "Un"))), true
}

// isBody reports whether cur is the body of a function.
func isBody(cur inspector.Cursor) bool {
	switch cur.Parent().Node().(type) {
	case *ast.FuncDecl, *ast.FuncLit:
		return true
	}
	return false
}

// computes reports whether expression e calls anything: run at a return
// under a deferred unlock, it would run with the lock held.
func computes(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			found = true
		case *ast.UnaryExpr:
			found = n.Op == token.ARROW
		}
		return !found
	})
	return found
}

// moveSendFix moves a send made under a lock to right after the unlock
// that follows it in the same block, when what it sends and the channel
// it sends on do not need the lock (local variables, literals, a field no
// statement assigns) and nothing between can leave the block or change
// them.
func (c *checker) moveSendFix(f *model.LockFinding) (analysis.SuggestedFix, bool) {
	if len(f.Via) > 0 || len(f.Blocked) != 1 || f.Held.Caller != nil || f.Held.Inner != f.Held.Instr {
		return analysis.SuggestedFix{}, false
	}
	op := f.Blocked[0]
	x, ok := c.lockCallText(f.Held.Instr)
	if op.Op != model.Send || op.Select != nil || !ok {
		return analysis.SuggestedFix{}, false
	}
	cur, ok := c.m.Syntax(op.Pos())
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	send, ok := cur.Node().(*ast.SendStmt)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	block, ok := cur.Parent().Node().(*ast.BlockStmt)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	info := c.m.Pass.TypesInfo
	used := make(map[types.Object]bool)
	if !c.lockFree(send.Value, used) || !c.lockFree(send.Chan, used) {
		return analysis.SuggestedFix{}, false
	}
	i := slices.Index(block.List, ast.Stmt(send))
	method := "Unlock"
	if f.Held.Read {
		method = "RUnlock"
	}
	for _, stmt := range block.List[i+1:] {
		if es, ok := stmt.(*ast.ExprStmt); ok {
			if call, ok := es.X.(*ast.CallExpr); ok && len(call.Args) == 0 {
				if sel, ok := call.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == method && types.ExprString(sel.X) == x {
					b := fix.NewBuilder(c.m.Pass, send.Pos())
					if b == nil {
						break
					}
					b.DeleteLine(send)
					b.Insert(b.LineEnd(stmt.End()), fmt.Sprintf("\n%s%s", b.Indent(stmt.Pos()), b.Source(send)))
					return b.Fix(fmt.Sprintf("Send on %s after %s.%s(), outside the critical section", types.ExprString(send.Chan), x, method)), true
				}
			}
		}
		if leaves(stmt) || assigns(info, stmt, used) {
			break
		}
	}
	return analysis.SuggestedFix{}, false
}

// lockFree reports whether expression e reads nothing a lock guards:
// local variables, constants, literals, and fields that no statement of
// the package assigns (set when their object is built). It records the
// variables it uses.
func (c *checker) lockFree(e ast.Expr, used map[types.Object]bool) bool {
	info := c.m.Pass.TypesInfo
	switch e := ast.Unparen(e).(type) {
	case *ast.BasicLit:
		return true
	case *ast.Ident:
		switch obj := info.Uses[e].(type) {
		case *types.Const, *types.Nil:
			return true
		case *types.Var:
			if obj.Parent() == nil || obj.Parent() == obj.Pkg().Scope() {
				return false // a global
			}
			used[obj] = true
			return true
		}
	case *ast.CompositeLit:
		for _, elt := range e.Elts {
			if kv, ok := elt.(*ast.KeyValueExpr); ok {
				elt = kv.Value
			}
			if !c.lockFree(elt, used) {
				return false
			}
		}
		return true
	case *ast.SelectorExpr:
		sel := info.Selections[e]
		if sel == nil || sel.Kind() != types.FieldVal || c.assigned(sel.Obj()) {
			return false
		}
		return c.lockFree(e.X, used)
	}
	return false
}

// assigned reports whether a statement of the package assigns field f.
func (c *checker) assigned(f types.Object) bool {
	for n := range c.m.Inspector.PreorderSeq((*ast.AssignStmt)(nil)) {
		for _, lhs := range n.(*ast.AssignStmt).Lhs {
			if sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr); ok && c.m.Pass.TypesInfo.Uses[sel.Sel] == f {
				return true
			}
		}
	}
	return false
}

// leaves reports whether stmt can leave its block other than by going on:
// a return, break, continue, goto or panic in it.
func leaves(stmt ast.Stmt) bool {
	found := false
	ast.Inspect(stmt, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt, *ast.BranchStmt:
			found = true
		case *ast.CallExpr:
			if id, ok := n.Fun.(*ast.Ident); ok && id.Name == "panic" {
				found = true
			}
		}
		return !found
	})
	return found
}

// assigns reports whether stmt assigns one of the variables in vars.
func assigns(info *types.Info, stmt ast.Stmt, vars map[types.Object]bool) bool {
	found := false
	ast.Inspect(stmt, func(n ast.Node) bool {
		var lhs []ast.Expr
		switch n := n.(type) {
		case *ast.AssignStmt:
			lhs = n.Lhs
		case *ast.IncDecStmt:
			lhs = []ast.Expr{n.X}
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				lhs = []ast.Expr{n.X} // its address is taken
			}
		}
		for _, e := range lhs {
			if id, ok := ast.Unparen(e).(*ast.Ident); ok && vars[info.ObjectOf(id)] {
				found = true
			}
		}
		return !found
	})
	return found
}
