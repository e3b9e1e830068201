package ctxmissing

import (
	"fmt"
	"go/token"
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
	// The findings of each function, in order: a function gets one fix
	// that derives a deadline, since a second `ctx, cancel :=` in a scope
	// would not compile, and once one call has a deadline the others
	// sharing its context have it.
	var funcs []*ssa.Function
	findings := make(map[*ssa.Function][]*finding)
	for _, bc := range m.BlockingCalls {
		if skip.skipped(bc.Call) || wrapper(bc) {
			continue
		}
		f := judge(pass, m, bc)
		if f == nil {
			continue
		}
		fn := bc.Call.Parent()
		if findings[fn] == nil {
			funcs = append(funcs, fn)
		}
		findings[fn] = append(findings[fn], f)
	}
	// A task of a fan-out gets its deadline where the fan-out's context
	// is made, in the function that starts the tasks: one over the group.
	outs := fanOuts(m)
	spawner := make(map[*ssa.Function]*ssa.Function)
	for _, out := range outs {
		spawner[out.task] = out.site.Parent()
	}
	fixed := make(map[*ssa.Function]bool) // the functions a deadline fix edits
	edited := make(map[token.Pos]bool)    // what the fixes that pass a given context replace
	for _, fn := range funcs {
		var blocking []*model.BlockingCall
		for _, f := range findings[fn] {
			if f.blocks {
				blocking = append(blocking, f.bc)
			}
		}
		for _, f := range findings[fn] {
			_, call, ok := m.CallSyntax(f.bc.Call)
			if !ok {
				continue
			}
			d := analysis.Diagnostic{Pos: call.Pos(), End: call.End(), Message: f.message(m), Related: f.related(m)}
			if f.drops != nil {
				if fx, ok := dropFix(pass, m, f.bc, f.drops, edited); ok {
					d.SuggestedFixes = []analysis.SuggestedFix{fx}
				}
			}
			where := fn
			if spawner[fn] != nil {
				where = spawner[fn]
			}
			if d.SuggestedFixes == nil && f.blocks && !fixed[where] {
				if fx, ok := fixFor(pass, m, f.bc, blocking, spawner[fn]); ok {
					d.SuggestedFixes = []analysis.SuggestedFix{fx}
					fixed[where] = true
				}
			}
			r.Report(d)
		}
	}
	reportFanOuts(pass, m, r, skip, outs, fixed)
	return nil, nil
}

// A finding is a blocking call the check reports: one that can block
// forever, or that drops the context its function was given, or both.
type finding struct {
	bc     *model.BlockingCall
	blocks bool   // nothing bounds it
	drops  *given // the context in scope that it drops, if it does
}

// judge decides whether a blocking call is a finding, and which.
//
// It can block forever when its context provably has no deadline, no
// stop can cancel it meanwhile (model.Ctx.Stoppable), and nothing else
// bounds it; a command made without a context counts only
// where a context was given to drop. It drops the context its function
// was given when that is in scope and the call's context is made afresh
// there (context.Background()), or is none at all, or is a field kept
// from setup: the caller's cancellation does not reach it. A call that
// something else bounds is reported for that only when it runs in step
// with its function, not in a go or defer statement nor on a path where
// something failed, where a context of its own can be the intent.
func judge(pass *analysis.Pass, m *model.Model, bc *model.BlockingCall) *finding {
	f := &finding{bc: bc}
	c := bc.Ctx
	f.blocks = c.Deadline == model.NoDeadline && !c.Stoppable && !bc.Bounded && !(c.None && isCommand(bc))
	if g := givenContext(pass, bc.Call); g != nil && bc.ClientArg == nil {
		// Made afresh where the given context is in scope: not upstream of
		// a function literal's context parameter (a task's context).
		fresh := c.Fresh != nil && within(c.Fresh.Parent(), g.fn)
		// A field is kept from setup, unless the given context is that
		// field itself: a function literal that a helper calls with the
		// context its caller passed it (DoApp(c.Ctx, func(ctx …))).
		field := c.Field != nil && !c.None && c.Deadline != model.HasDeadline && m.Context(g.param).Field != c.Field
		// A command made without a context, wherever it is kept, unless
		// the function kills it itself (model's killed): that is how it
		// ends the command.
		command := c.None && isCommand(bc) && !bc.Bounded
		explicit := fresh || field || command
		if (explicit || f.blocks && c.None) && !detached(pass, m, bc.Call, g) {
			f.drops = g
		}
	}
	if !f.blocks && f.drops == nil {
		return nil
	}
	return f
}

// A skip tells where the check is off by default: test code (test files,
// helpers that take a *testing.T or the like, harness and example packages,
// mocks: model.IsTestCode), and a program's own sequence: the main
// function of package main and the commands a CLI framework runs, in any
// package (model.Commands), and the functions of the package they call
// or run as tasks (as opposed to the handlers they register), also
// through a struct field of the package's own that holds them (a command
// table: c.fn(c), cmd.Action()). Whoever runs
// the program bounds its sequence, as the one who runs a command can
// interrupt it.
type skip struct {
	m    *model.Model
	main map[*ssa.Function]bool
}

func newSkip(pass *analysis.Pass, m *model.Model) *skip {
	s := &skip{m: m, main: make(map[*ssa.Function]bool)}
	if reportMain || len(m.Funcs) == 0 {
		return s
	}
	var work []*ssa.Function
	reach := func(fn *ssa.Function) {
		if fn != nil && fn.Pkg == m.Funcs[0].Pkg && !s.main[fn] {
			s.main[fn] = true
			work = append(work, fn)
		}
	}
	for _, fn := range m.Commands() {
		reach(fn)
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
					common := call.Common()
					reach(common.StaticCallee())
					for _, g := range m.Targets(common) {
						reach(g) // the package's implementations of its interface
					}
					if !common.IsInvoke() && common.StaticCallee() == nil {
						for _, g := range m.FieldFuncs(common.Value) {
							reach(g) // a command table's entry (c.fn(c))
						}
					}
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
	if !reportTests && (s.m.InTest(instr) || model.IsTestCode(s.m.Pass, instr.Pos())) {
		return true
	}
	return s.main[instr.Parent()]
}

// wrapper reports whether the call is how a function offers a form
// without a context of its XContext (or XCtx) twin (Query calling
// QueryContext with context.Background()): its callers chose no deadline.
func wrapper(bc *model.BlockingCall) bool {
	fn := bc.Call.Parent()
	for fn.Parent() != nil {
		fn = fn.Parent()
	}
	callee := model.Callee(&bc.Call.Call)
	if callee == nil || callee.Name() != fn.Name()+"Context" && callee.Name() != fn.Name()+"WithContext" && callee.Name() != fn.Name()+"Ctx" {
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
// from, what else could have bounded it but does not, and the context it
// drops.
func (f *finding) message(m *model.Model) string {
	bc := f.bc
	name := bc.API
	if bc.Via != nil {
		name = model.FuncName(bc.Via)
	}
	origin, how := describe(m, bc.Ctx)
	var parts []string
	switch {
	case bc.ClientArg != nil:
		parts = []string{fmt.Sprintf("it passes its client to %s, %s", bc.API, clientContext(m, bc))}
	case bc.CtxArg == nil:
		parts = []string{"it uses no context"}
	case bc.Ctx.None && isCommand(bc):
		parts = []string{fmt.Sprintf("its command has no context: %s makes it without one", origin)}
		if bc.Via != nil {
			parts[0] = fmt.Sprintf("it passes its command to %s, and the command has no context: %s makes it without one", bc.API, origin)
		}
	case bc.Via != nil:
		parts = []string{fmt.Sprintf("it passes its %s to %s; %s comes from %s", noun(bc.CtxArg), bc.API, subject("the", bc.CtxArg, bc.Ctx), origin)}
	default:
		parts = []string{fmt.Sprintf("%s comes from %s", subject("its", bc.CtxArg, bc.Ctx), origin)}
	}
	if !f.blocks {
		// Something bounds the call; what it loses is the cancellation.
		g := f.drops
		lost := fmt.Sprintf("cancelling %s does not stop the call", g.expr)
		if bc.Ctx.Deadline == model.HasDeadline {
			lost = "a deadline is set on the way, but " + lost
		}
		return fmt.Sprintf("%s drops %s, the context %s was given: %s; %s: %s", name, g.expr, g.owner(), strings.Join(parts, ", "), lost, remedy(bc, g))
	}
	if bc.CtxArg != nil && bc.ClientArg == nil {
		parts = append(parts, how)
	}
	if bc.Unbounded != "" {
		parts = append(parts, bc.Unbounded)
	}
	if len(parts) > 1 {
		last := len(parts) - 1
		parts[last] = "and " + parts[last]
	}
	blocks := " can block forever: "
	if bc.Async {
		blocks = " starts a goroutine that can block forever: "
	}
	msg := name + blocks + strings.Join(parts, ", ")
	if g := f.drops; g != nil {
		msg += fmt.Sprintf("; it drops %s, the context %s was given: %s", g.expr, g.owner(), remedy(bc, g))
	}
	return msg
}

// remedy says how to pass on a dropped context.
func remedy(bc *model.BlockingCall, g *given) string {
	if bc.Ctx.Deadline == model.HasDeadline {
		return "derive the deadline from " + g.expr
	}
	return "pass " + g.expr + " on"
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
		if c.Fresh != nil {
			return fmt.Sprintf("%s() at line %d", model.FuncName(model.Callee(&c.Fresh.Call)), m.Line(c.Fresh.Pos())), how
		}
		if c.Field != nil {
			return fmt.Sprintf("field %s, kept from setup", c.Field.Name()), how
		}
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
	case c.None:
		return fmt.Sprintf("%s at line %d", model.FuncName(fn), line), how
	}
	return fmt.Sprintf("%s() at line %d", model.FuncName(fn), line), how
}

// related returns the places a finding refers to: where its context is
// made, the blocking call a function reaches, what lacks a bound, and the
// context it drops.
func (f *finding) related(m *model.Model) []analysis.RelatedInformation {
	var rel []analysis.RelatedInformation
	add := func(pos token.Pos, format string, args ...any) {
		if pos.IsValid() && m.Pass.Fset.File(pos) != nil {
			rel = append(rel, analysis.RelatedInformation{Pos: pos, Message: fmt.Sprintf(format, args...)})
		}
	}
	bc := f.bc
	c := bc.Ctx
	if c.Origin != nil && c.Origin != bc.Call && c.Origin != bc.Sink {
		switch {
		case c.None:
			add(c.Origin.Pos(), "made here without a context")
		default:
			add(c.Origin.Pos(), "the context comes from here")
		}
	}
	if c.Fresh != nil && c.Fresh != c.Origin {
		add(c.Fresh.Pos(), "the context is made afresh here")
	}
	if bc.Sink != nil {
		add(bc.Sink.Pos(), "%s is called here", bc.API)
	}
	if bc.UnboundedAt.IsValid() && f.blocks {
		add(bc.UnboundedAt, "made here, without a Timeout")
	}
	if f.drops != nil {
		add(f.drops.obj.Pos(), "%s's own context", f.drops.owner())
	}
	return rel
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
