package leakedgo

import (
	"fmt"
	"go/ast"
	"go/constant"
	"strconv"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/structlint/structlint/internal/fix"
	"github.com/structlint/structlint/internal/model"
	"github.com/structlint/structlint/internal/report"
)

// Analyzer reports goroutines that can block forever.
var Analyzer = &analysis.Analyzer{
	Name:     "leakedgo",
	Doc:      Doc.Doc(),
	URL:      "https://pkg.go.dev/github.com/structlint/structlint/passes/leakedgo",
	Run:      run,
	Requires: []*analysis.Analyzer{model.Analyzer},
}

func run(pass *analysis.Pass) (any, error) {
	m := pass.ResultOf[model.Analyzer].(*model.Model)
	if len(m.Spawns) == 0 {
		return nil, nil
	}
	r := report.New(pass)
	for _, o := range m.Objects {
		if o.Kind == model.Chan && o.Escape == nil {
			blockedSend(m, r, o)
		}
	}
	return nil, nil
}

// blockedSend reports the goroutine that sends on channel o when a path of
// o's creator returns without receiving from it.
//
// It judges the simple, common shape: the creator makes the channel,
// starts one goroutine (not in a loop) that sends on it, and is the only
// one receiving. Anything else (several senders, other receivers, sends
// by the creator) is left to the checks that count.
func blockedSend(m *model.Model, r *report.Reporter, o *model.Object) {
	var spawn *model.Spawn
	var sends []*model.Use
	var stops model.Stops
	var deferred []*model.Use
	for _, u := range o.Uses {
		switch u.Op {
		case model.Send:
			if u.How != model.Spawned || u.Spawn == nil || spawn != nil && u.Spawn != spawn {
				return
			}
			spawn = u.Spawn
			if u.Blocking() {
				sends = append(sends, u)
			}
		case model.Recv, model.Range:
			if u.How == model.Spawned {
				return // another goroutine receives
			}
			stops.Add(u)
			deferred = append(deferred, u)
		}
	}
	if spawn == nil || spawn.InLoop || spawn.Parent != o.Fn || len(sends) == 0 {
		return
	}
	for _, s := range sends {
		if m.InLoop(s.Instr) {
			return
		}
	}
	for _, u := range deferred {
		if u.How == model.Deferred && model.Dominates(u.Site, spawn.Go) {
			return // deferred before the goroutine starts: receives at every return
		}
	}
	n := maxSends(sends)
	capacity, ok := chanCap(o)
	if !ok || capacity >= n {
		return
	}
	path := model.ReturnAvoiding(spawn.Go, &stops)
	if path == nil {
		return
	}
	send := sends[0]
	name := o.Name
	if name == "" {
		name = "the channel"
	}
	in := ""
	if fn := send.Instr.Parent(); fn.Parent() == nil {
		in = " in " + fn.Name()
	}
	msg := fmt.Sprintf("goroutine blocks forever sending on %s%s (line %d) when %s returns at line %d",
		name, in, m.Line(send.Instr.Pos()), funcName(o.Fn), m.Line(model.ReturnPos(path.Return)))
	if sel, i := path.SelectCase(); sel != nil {
		if text := m.CaseText(sel, i); text != "" {
			msg += " through " + text
		}
	}
	d := analysis.Diagnostic{Pos: spawn.Pos(), End: spawn.Go.Call.Pos(), Message: msg}
	if f, ok := bufferFix(m, o, n); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{f}
	}
	r.Report(d)
}

// maxSends returns how many of sends one run of the goroutine can make.
func maxSends(sends []*model.Use) int {
	byFn := make(map[*ssa.Function][]ssa.Instruction)
	for _, s := range sends {
		byFn[s.Instr.Parent()] = append(byFn[s.Instr.Parent()], s.Instr)
	}
	n := 0
	for fn, instrs := range byFn {
		n += model.MaxOnPath(fn, instrs)
	}
	return n
}

// chanCap returns the constant capacity of the channel o, if it has one.
func chanCap(o *model.Object) (int, bool) {
	mc := o.Value.(*ssa.MakeChan)
	c, ok := mc.Size.(*ssa.Const)
	if !ok || c.Value == nil || c.Value.Kind() != constant.Int {
		return 0, false
	}
	n, ok := constant.Int64Val(c.Value)
	return int(n), ok
}

// funcName names fn for messages: its name, or "the function literal".
func funcName(fn *ssa.Function) string {
	if fn.Parent() != nil {
		return "the enclosing function literal"
	}
	return fn.Name()
}

// bufferFix gives channel o a buffer for its n sends: make(chan T) becomes
// make(chan T, n); a constant capacity is raised to n.
func bufferFix(m *model.Model, o *model.Object, n int) (analysis.SuggestedFix, bool) {
	cur, ok := m.Syntax(o.Value.Pos())
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	call, ok := cur.Node().(*ast.CallExpr)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	b := fix.NewBuilder(m.Pass, call.Pos())
	switch len(call.Args) {
	case 1:
		b.Insert(call.Args[0].End(), ", "+strconv.Itoa(n))
	case 2:
		if _, ok := call.Args[1].(*ast.BasicLit); !ok {
			return analysis.SuggestedFix{}, false
		}
		b.Replace(call.Args[1].Pos(), call.Args[1].End(), strconv.Itoa(n))
	default:
		return analysis.SuggestedFix{}, false
	}
	name := o.Name
	if name == "" {
		name = "the channel"
	}
	return b.Fix(fmt.Sprintf("Give %s a buffer of %d so the goroutine can always send", name, n)), true
}
