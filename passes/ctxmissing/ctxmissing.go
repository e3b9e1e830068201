package ctxmissing

import (
	"fmt"
	"go/types"
	"strings"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/structlint/structlint/internal/model"
	"github.com/structlint/structlint/internal/report"
)

// Analyzer reports blocking calls reached with a context that provably has
// no deadline.
var Analyzer = &analysis.Analyzer{
	Name:     "ctxmissing",
	Doc:      Doc.Doc(),
	URL:      "https://pkg.go.dev/github.com/structlint/structlint/passes/ctxmissing",
	Run:      run,
	Requires: []*analysis.Analyzer{model.Analyzer},
}

var (
	timeout     = 30 * time.Second
	reportMain  bool
	reportTests bool
)

func init() {
	Analyzer.Flags.DurationVar(&timeout, "timeout", timeout, Doc.Options[0].Usage)
	Analyzer.Flags.BoolVar(&reportMain, "main", false, Doc.Options[1].Usage)
	Analyzer.Flags.BoolVar(&reportTests, "tests", false, Doc.Options[2].Usage)
}

func run(pass *analysis.Pass) (any, error) {
	m := pass.ResultOf[model.Analyzer].(*model.Model)
	r := report.New(pass)
	skip := newSkip(pass, m)
	// The findings of each function, in order: a function gets one fix,
	// since a second `ctx, cancel :=` in a scope would not compile, and
	// once one call has a deadline the others sharing its context have it.
	var funcs []*ssa.Function
	findings := make(map[*ssa.Function][]*model.BlockingCall)
	for _, bc := range m.BlockingCalls {
		// A command made without a context has nothing to miss.
		if bc.Ctx.Deadline != model.NoDeadline || bc.Bounded || bc.Ctx.None && isCommand(bc) ||
			skip.skipped(bc.Call) || wrapper(bc) {
			continue
		}
		fn := bc.Call.Parent()
		if findings[fn] == nil {
			funcs = append(funcs, fn)
		}
		findings[fn] = append(findings[fn], bc)
	}
	// A task of a fan-out gets its deadline where the fan-out's context
	// is made, in the function that starts the tasks: one over the group.
	outs := fanOuts(m)
	spawner := make(map[*ssa.Function]*ssa.Function)
	for _, out := range outs {
		spawner[out.task] = out.site.Parent()
	}
	fixed := make(map[*ssa.Function]bool) // the functions a fix edits
	for _, fn := range funcs {
		for _, bc := range findings[fn] {
			_, call, ok := m.CallSyntax(bc.Call)
			if !ok {
				continue
			}
			d := analysis.Diagnostic{Pos: call.Pos(), End: call.End(), Message: message(m, bc)}
			where := fn
			if spawner[fn] != nil {
				where = spawner[fn]
			}
			if !fixed[where] {
				if f, ok := fixFor(pass, m, bc, findings[fn], spawner[fn]); ok {
					d.SuggestedFixes = []analysis.SuggestedFix{f}
					fixed[where] = true
				}
			}
			r.Report(d)
		}
	}
	reportFanOuts(pass, m, r, skip, outs, fixed)
	return nil, nil
}

// A skip tells where the check is off by default: tests (test files,
// helpers that take a *testing.T or the like, example packages), and a
// program's own sequence, the main function of package main and the
// functions of the package it calls or runs as tasks (as opposed to the
// handlers it registers).
type skip struct {
	m       *model.Model
	example bool // the package is example code
	main    map[*ssa.Function]bool
}

func newSkip(pass *analysis.Pass, m *model.Model) *skip {
	s := &skip{m: m, example: isExample(pass.Pkg.Path()), main: make(map[*ssa.Function]bool)}
	if reportMain || pass.Pkg.Name() != "main" || len(m.Funcs) == 0 {
		return s
	}
	var work []*ssa.Function
	reach := func(fn *ssa.Function) {
		if fn != nil && fn.Pkg == m.Funcs[0].Pkg && !s.main[fn] {
			s.main[fn] = true
			work = append(work, fn)
		}
	}
	for _, fn := range m.Funcs {
		if fn.Name() == "main" && fn.Parent() == nil && fn.Signature.Recv() == nil {
			reach(fn)
		}
	}
	for len(work) > 0 {
		fn := work[len(work)-1]
		work = work[:len(work)-1]
		for _, anon := range fn.AnonFuncs {
			if !isHandler(anon.Signature) {
				reach(anon)
			}
		}
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if call, ok := instr.(ssa.CallInstruction); ok {
					reach(call.Common().StaticCallee())
				}
			}
		}
	}
	return s
}

// isHandler reports whether sig is an http.HandlerFunc's: a function the
// program registers for its clients to call.
func isHandler(sig *types.Signature) bool {
	p := sig.Params()
	return p.Len() == 2 && types.TypeString(p.At(0).Type(), nil) == "net/http.ResponseWriter" &&
		types.TypeString(p.At(1).Type(), nil) == "*net/http.Request"
}

// skipped reports whether instr lies where the check is off.
func (s *skip) skipped(instr ssa.Instruction) bool {
	if !reportTests && (s.example || s.m.InTest(instr)) {
		return true
	}
	return s.main[instr.Parent()]
}

// isExample reports whether the package at path is example code: it lies
// under a directory named example or examples, whose functions show an API
// with context.Background() for brevity.
func isExample(path string) bool {
	for _, elem := range strings.Split(path, "/") {
		if elem == "example" || elem == "examples" {
			return true
		}
	}
	return false
}

// wrapper reports whether the call is how a function offers a form
// without a context of its XContext twin (Query calling QueryContext with
// context.Background()): its callers chose no deadline.
func wrapper(bc *model.BlockingCall) bool {
	fn := bc.Call.Parent()
	for fn.Parent() != nil {
		fn = fn.Parent()
	}
	callee := model.Callee(&bc.Call.Call)
	if callee == nil || callee.Name() != fn.Name()+"Context" && callee.Name() != fn.Name()+"WithContext" {
		return false
	}
	// The twin is X's own: the same package, the same receiver type.
	if callee.Pkg() != fn.Pkg.Pkg {
		return false
	}
	recv, twinRecv := fn.Signature.Recv(), callee.Signature().Recv()
	if recv == nil || twinRecv == nil {
		return recv == nil && twinRecv == nil
	}
	return types.Identical(deref(recv.Type()), deref(twinRecv.Type()))
}

func deref(t types.Type) types.Type {
	if p, ok := t.(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

// message explains the finding: what blocks, where its context comes
// from, and what else could have bounded it but does not.
func message(m *model.Model, bc *model.BlockingCall) string {
	name := bc.API
	if bc.Via != nil {
		name = model.FuncName(bc.Via)
	}
	var parts []string
	switch origin, how := describe(m, bc.Ctx); {
	case bc.ClientArg != nil:
		parts = []string{fmt.Sprintf("it passes its client to %s, %s", bc.API, clientContext(m, bc))}
	case bc.CtxArg == nil:
		parts = []string{"it uses no context"}
	case bc.Via != nil:
		parts = []string{fmt.Sprintf("it passes its %s to %s; %s comes from %s", noun(bc.CtxArg), bc.API, subject("the", bc.CtxArg, bc.Ctx), origin), how}
	default:
		parts = []string{fmt.Sprintf("%s comes from %s", subject("its", bc.CtxArg, bc.Ctx), origin), how}
	}
	if bc.Unbounded != "" {
		parts = append(parts, bc.Unbounded)
	}
	if len(parts) > 1 {
		last := len(parts) - 1
		parts[last] = "and " + parts[last]
	}
	return name + " can block forever: " + strings.Join(parts, ", ")
}

// clientContext says what the context of a call that a function passes
// its client to lacks.
func clientContext(m *model.Model, bc *model.BlockingCall) string {
	if bc.Sink == nil {
		return "with no deadline on its context"
	}
	if origin, ok := bc.Ctx.Origin.(*ssa.Call); !ok || origin == bc.Sink {
		return fmt.Sprintf("which uses no context (line %d)", m.Line(bc.Sink.Pos()))
	}
	origin, _ := describe(m, bc.Ctx)
	return fmt.Sprintf("with a request whose context comes from %s", origin)
}

// describe renders where a deadline-free context comes from, and how it
// lost (or never had) a deadline.
func describe(m *model.Model, c model.Ctx) (origin, how string) {
	how = "no deadline is set on the way"
	if c.Origin == nil {
		return "a function of another package", how
	}
	line := m.Line(c.Origin.Pos())
	call, ok := c.Origin.(*ssa.Call)
	if !ok {
		return fmt.Sprintf("the http.Request literal at line %d (context.Background())", line), how
	}
	fn := model.Callee(&call.Call)
	switch {
	case model.IsFunc(fn, "context", "WithoutCancel"):
		return fmt.Sprintf("context.WithoutCancel at line %d", line), "it drops any deadline its parent had"
	case model.IsFunc(fn, "net/http", "NewRequest"):
		return fmt.Sprintf("http.NewRequest at line %d (context.Background())", line), how
	}
	return fmt.Sprintf("%s() at line %d", model.FuncName(fn), line), how
}

// subject names the context of an argument: "its context", "the
// request's context", "its context (field ctx)".
func subject(det string, v ssa.Value, c model.Ctx) string {
	s := det + " context"
	if n := noun(v); n != "context" {
		s = det + " " + n + "'s context"
	}
	if c.Field != nil && c.Origin != nil {
		s += fmt.Sprintf(" (field %s)", c.Field.Name())
	}
	return s
}

// noun names what an argument is: a context, or the request or command
// that carries one.
func noun(v ssa.Value) string {
	switch t := v.Type().String(); {
	case strings.HasSuffix(t, "net/http.Request"):
		return "request"
	case strings.HasSuffix(t, "os/exec.Cmd"):
		return "command"
	}
	return "context"
}

// isCommand reports whether the call waits on an *exec.Cmd.
func isCommand(bc *model.BlockingCall) bool {
	return bc.CtxArg != nil && noun(bc.CtxArg) == "command"
}
