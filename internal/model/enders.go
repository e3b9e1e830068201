package model

import (
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// EndsProcess reports whether the process ends when fn returns: fn is
// main.main, a command that a CLI framework runs (cobra's RunE,
// urfave/cli's Action, kingpin's Action, ffcli's Exec, kong's and
// maruel/subcommands' Run methods), or a function that
// only those call, as the last thing they do. A goroutine left blocked, or
// a WaitGroup left unwaited, when such a function returns goes with the
// process: nothing is left to leak to. (ProcessLifetime is weaker: an
// init function runs once, but the program goes on after it returns.)
func (m *Model) EndsProcess(fn *ssa.Function) bool { return m.enders[fn] }

// Commands returns the roots of the program's own sequence in the
// package: main.main, and the functions it hands a CLI framework as
// commands to run, in the order the package makes them.
func (m *Model) Commands() []*ssa.Function { return m.commands }

// cliActions lists, for each CLI framework, the struct fields and the
// methods that take the function it runs as the program's command, after
// parsing the command line. The framework returns to main when it
// returns, and main exits.
var cliActions = map[string][]string{
	"github.com/spf13/cobra": {"Command.Run", "Command.RunE", "Command.PreRun", "Command.PreRunE",
		"Command.PostRun", "Command.PostRunE", "Command.PersistentPreRun", "Command.PersistentPreRunE",
		"Command.PersistentPostRun", "Command.PersistentPostRunE"},
	"github.com/urfave/cli":               {"Command.Action", "App.Action"},
	"github.com/urfave/cli/v2":            {"Command.Action", "App.Action"},
	"github.com/urfave/cli/v3":            {"Command.Action"},
	"gopkg.in/alecthomas/kingpin.v2":      {"CmdClause.Action", "Application.Action", "CmdClause.PreAction", "Application.PreAction"},
	"github.com/alecthomas/kingpin/v2":    {"CmdClause.Action", "Application.Action", "CmdClause.PreAction", "Application.PreAction"},
	"github.com/choria-io/fisk":           {"CmdClause.Action", "Application.Action", "CmdClause.PreAction", "Application.PreAction"},
	"github.com/peterbourgon/ff/v3/ffcli": {"Command.Exec"},
	"github.com/peterbourgon/ff/v4":       {"Command.Exec"},
}

// cliAction reports whether pkg's type.member is in cliActions.
func cliAction(pkg *types.Package, typ, member string) bool {
	if pkg == nil {
		return false
	}
	for _, a := range cliActions[pkg.Path()] {
		if a == typ+"."+member {
			return true
		}
	}
	return false
}

// findEnders computes m.enders as a least fixed point from its roots:
// main.main and the functions handed to a CLI framework as commands.
func (m *Model) findEnders(fns []*ssa.Function) {
	m.enders = make(map[*ssa.Function]bool)
	for _, fn := range fns {
		if fn.Parent() == nil && fn.Signature.Recv() == nil && fn.Name() == "main" && fn.Pkg.Pkg.Name() == "main" {
			m.enders[fn] = true
			m.commands = append(m.commands, fn)
		}
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				for _, v := range commandValues(instr) {
					if g := funcOfValue(m, v); g != nil && g.Pkg == m.pkg && !m.enders[g] {
						m.enders[g] = true
						m.commands = append(m.commands, g)
					}
				}
			}
		}
	}
	for _, g := range m.typedCommands(fns) {
		if !m.enders[g] {
			m.enders[g] = true
			m.commands = append(m.commands, g)
		}
	}
	for changed := true; changed; {
		changed = false
		for _, fn := range fns {
			if !m.enders[fn] && m.endsWithCallers(fn) {
				m.enders[fn] = true
				changed = true
			}
		}
	}
	m.findFatal(fns)
}

// typedCommands returns the commands of CLI frameworks that find them by
// type rather than take a function: kong calls, through reflection, the
// Run method of the command the command line chose among the grammar
// struct's fields (kong.Parse(&cli)), and maruel/subcommands the Run
// method of each CommandRun. Those Run methods of the package's types are
// roots of the program's sequence; a Run method elsewhere is not.
func (m *Model) typedCommands(fns []*ssa.Function) []*ssa.Function {
	var out []*ssa.Function
	seen := make(map[types.Type]bool)
	run := func(t types.Type) {
		sel := types.NewMethodSet(types.NewPointer(t)).Lookup(m.Pass.Pkg, "Run")
		if sel == nil {
			return
		}
		if f, ok := sel.Obj().(*types.Func); ok && f.Pkg() == m.Pass.Pkg {
			if fn := m.pkg.Prog.FuncValue(f); fn != nil && fn.Pkg == m.pkg && !slices.Contains(out, fn) {
				out = append(out, fn)
			}
		}
	}
	// grammar walks a kong grammar: a struct whose fields are commands,
	// themselves structs that may hold more.
	var grammar func(t types.Type, depth int)
	grammar = func(t types.Type, depth int) {
		t = types.Unalias(deref(t))
		if depth > 4 || seen[t] {
			return
		}
		seen[t] = true
		if named, ok := t.(*types.Named); ok {
			if named.Obj().Pkg() != m.Pass.Pkg {
				return
			}
			run(named)
		}
		if st, ok := t.Underlying().(*types.Struct); ok {
			for i := range st.NumFields() {
				grammar(st.Field(i).Type(), depth+1)
			}
		}
	}
	const kongPath = "github.com/alecthomas/kong"
	var commandRun *types.Interface
	kong := false
	for _, p := range m.Pass.Pkg.Imports() {
		switch p.Path() {
		case "github.com/maruel/subcommands":
			if obj := p.Scope().Lookup("CommandRun"); obj != nil {
				commandRun, _ = obj.Type().Underlying().(*types.Interface)
			}
		case kongPath:
			kong = true
		}
	}
	if commandRun == nil && !kong {
		return nil
	}
	parses := func(f *types.Func) bool {
		return IsFunc(f, kongPath, "Parse") || IsFunc(f, kongPath, "New") || IsFunc(f, kongPath, "Must")
	}
	for _, fn := range fns {
		if recv := fn.Signature.Recv(); recv != nil && commandRun != nil && fn.Name() == "Run" &&
			types.Implements(types.NewPointer(deref(recv.Type())), commandRun) {
			out = append(out, fn)
		}
		if !kong {
			continue
		}
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(*ssa.Call)
				if !ok || len(call.Call.Args) == 0 || !parses(Callee(&call.Call)) {
					continue
				}
				g := call.Call.Args[0]
				if mi, ok := g.(*ssa.MakeInterface); ok {
					g = mi.X
				}
				grammar(g.Type(), 0)
			}
		}
	}
	return out
}

// commandValues returns the values instr hands a CLI framework as
// commands to run.
func commandValues(instr ssa.Instruction) []ssa.Value {
	switch instr := instr.(type) {
	case *ssa.Store:
		if fa, ok := instr.Addr.(*ssa.FieldAddr); ok {
			if named, ok := types.Unalias(deref(fa.X.Type())).(*types.Named); ok &&
				cliAction(named.Obj().Pkg(), named.Obj().Name(), fieldName(fa)) {
				return []ssa.Value{instr.Val}
			}
		}
	case *ssa.Call:
		fn := Callee(&instr.Call)
		if fn == nil || fn.Signature().Recv() == nil {
			return nil
		}
		named, ok := types.Unalias(deref(fn.Signature().Recv().Type())).(*types.Named)
		if ok && cliAction(fn.Pkg(), named.Obj().Name(), fn.Name()) {
			return instr.Call.Args
		}
	}
	return nil
}

// endsWithCallers reports whether fn, which is no root, ends the process
// because everything that runs it does, right after it returns: the
// package sees every call, none starts it as a goroutine, and each is the
// last thing its caller does before it returns.
func (m *Model) endsWithCallers(fn *ssa.Function) bool {
	if fn.Parent() == nil && fn.Object() != nil && fn.Object().Exported() || len(m.program(m.valueRefs[fn])) > 0 || m.spawned(fn) {
		return false
	}
	callers := m.program(m.threads.callers[fn])
	if len(callers) == 0 {
		return false
	}
	for _, c := range callers {
		if !m.enders[c] {
			return false
		}
		for _, site := range m.Sites(c, map[*ssa.Function]bool{fn: true}) {
			if _, ok := site.(*ssa.Call); !ok || !onlyReportsAfter(site) {
				return false
			}
		}
	}
	return true
}

// spawned reports whether the program starts fn as a goroutine.
func (m *Model) spawned(fn *ssa.Function) bool {
	return slices.ContainsFunc(m.threads.spawns[fn], func(s *Spawn) bool { return !m.inTestFile(s.Parent) })
}

// onlyReportsAfter reports whether nothing after call, on any path to its
// function's end, can wait or start work: only returns, deferred calls,
// and reporting the outcome (fmt, log, os.Exit, an error's text).
func onlyReportsAfter(call ssa.Instruction) bool {
	return allAfter(call, onlyReports)
}

// onlyReports reports whether instr neither waits nor starts work (see
// onlyReportsAfter).
func onlyReports(instr ssa.Instruction) bool {
	switch x := instr.(type) {
	case *ssa.Go, *ssa.Send, *ssa.Select:
		return false
	case *ssa.UnOp:
		return x.Op != token.ARROW
	case ssa.CallInstruction:
		return reporting(x.Common())
	}
	return true
}

// FailsFatally reports whether the process ends when fn returns a
// failure, an error that is not nil: wherever the package calls it, the
// way its caller takes when the error is set only reports and returns (or
// exits), from a caller whose return ends the process (EndsProcess) or
// whose failure does, the error passed on. A return of fn's failure is
// then like a call of log.Fatal: goroutines left blocked, or unwaited,
// go with the process (PriceGiveUps prices such returns Never). A caller
// that tries again, or goes on to other work, keeps fn's failure an
// ordinary return.
func (m *Model) FailsFatally(fn *ssa.Function) bool { return m.fatal[fn] }

// findFatal computes m.fatal as a least fixed point, after m.enders: a
// chain of callers that only pass the failure on among themselves never
// reaches the process's end.
func (m *Model) findFatal(fns []*ssa.Function) {
	m.fatal = make(map[*ssa.Function]bool)
	for changed := true; changed; {
		changed = false
		for _, fn := range fns {
			if !m.fatal[fn] && m.failsWithCallers(fn) {
				m.fatal[fn] = true
				changed = true
			}
		}
	}
}

// failsWithCallers reports whether every call of fn, which returns an
// error and which the package alone calls, ends the process on the way
// its caller takes when the error is set (see FailsFatally).
func (m *Model) failsWithCallers(fn *ssa.Function) bool {
	if m.enders[fn] || !ReturnsError(fn.Signature) || fn.Parent() == nil && fn.Object() != nil && fn.Object().Exported() || len(m.program(m.valueRefs[fn])) > 0 || m.spawned(fn) {
		return false
	}
	callers := m.program(m.threads.callers[fn])
	if len(callers) == 0 {
		return false
	}
	for _, c := range callers {
		for _, site := range m.Sites(c, map[*ssa.Function]bool{fn: true}) {
			call, ok := site.(*ssa.Call)
			if !ok {
				return false
			}
			edges := failedEdges(call)
			if len(edges) == 0 {
				return false // the caller does not look at the error, or not only so
			}
			for _, e := range edges {
				if !m.endsAfter(c, e.To) {
					return false
				}
			}
		}
	}
	return true
}

// endsAfter reports whether every path of c from block b only reports
// until it ends the process: it exits, or returns from c when c's return
// ends the process, or returns a failure when c's failure does.
func (m *Model) endsAfter(c *ssa.Function, b *ssa.BasicBlock) bool {
	seen := map[*ssa.BasicBlock]bool{b: true}
	for work := []*ssa.BasicBlock{b}; len(work) > 0; {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		for _, instr := range b.Instrs {
			if !onlyReports(instr) {
				return false
			}
			if ret, ok := instr.(*ssa.Return); ok && !m.enders[c] && !(m.fatal[c] && FailureReturn(ret)) {
				return false
			}
		}
		for _, s := range b.Succs {
			if !seen[s] {
				seen[s] = true
				work = append(work, s)
			}
		}
	}
	return true
}

// reporting reports whether call only reports an outcome or ends the
// process: fmt's and log's functions, os.Exit, a builtin, an error's
// Error or a value's String.
func reporting(call *ssa.CallCommon) bool {
	if call.IsInvoke() {
		return call.Method.Name() == "Error" || call.Method.Name() == "String"
	}
	if _, ok := call.Value.(*ssa.Builtin); ok {
		return true
	}
	fn := Callee(call)
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	switch fn.Pkg().Path() {
	case "fmt", "log", "log/slog", "errors", "strings", "strconv":
		return true
	case "os":
		return fn.Name() == "Exit"
	}
	return fn.Name() == "Error" || fn.Name() == "String"
}
