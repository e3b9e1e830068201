package model

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// Functions held in package variables.
//
// Packages give their functions short names through variables: containerd
// and buildkit log with log.G(ctx), where "var G = GetLogger", and a
// variable is a common seam for tests (var now = time.Now). A call through
// such a variable is a call of the function it holds, as long as nothing
// can put another there. A variable is an alias of function F when every
// store into it stores F, nothing takes its address but to load or store
// it, and, for an exported variable, which other packages could assign,
// the one store is in the package's initializer: the declaration
// "var G = F" itself. Callers in other packages learn it through the
// variable's Alias fact.
//
// The model judges a call through an alias as a call of its function
// where it asks what a callee does with its context (ValuesOnly) and
// where it follows calls into the package's own functions (targets). It
// does not make such a call a known blocking API of another package
// (var get = http.Get): the passes and their fixes take those calls by
// their names.

// An Alias is the fact the model exports for an exported package variable
// that only ever holds one package-level function: the function Name of
// the package whose path is Pkg.
type Alias struct {
	Pkg, Name string
}

func (*Alias) AFact() {}

func (a *Alias) String() string { return "alias(" + a.Pkg + "." + a.Name + ")" }

// findAliases fills m.aliases with the package's variables that are
// aliases, exports their facts, and imports the facts of the variables of
// other packages that fns call through.
func (m *Model) findAliases(fns []*ssa.Function) {
	m.aliases = make(map[*types.Var]*types.Func)
	held := make(map[*ssa.Global]*types.Func)
	open := make(map[*ssa.Global]bool)
	var order []*ssa.Global
	for _, fn := range fns {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				var ops [8]*ssa.Value
				for _, op := range instr.Operands(ops[:0]) {
					g, ok := (*op).(*ssa.Global)
					if !ok {
						continue
					}
					v, _ := g.Object().(*types.Var)
					if v == nil || g.Pkg != m.pkg {
						if u, ok := instr.(*ssa.UnOp); ok && v != nil && u.Op == token.MUL {
							m.importAlias(v)
						}
						continue
					}
					if _, ok := v.Type().Underlying().(*types.Signature); !ok || open[g] {
						continue
					}
					switch instr := instr.(type) {
					case *ssa.UnOp:
						if instr.Op != token.MUL {
							open[g] = true
						}
					case *ssa.Store:
						f := storedFunc(instr.Val)
						if instr.Addr != g || f == nil || held[g] != nil && held[g] != f ||
							v.Exported() && fn.Synthetic != "package initializer" {
							open[g] = true
							continue
						}
						if held[g] == nil {
							order = append(order, g)
						}
						held[g] = f
					case *ssa.DebugRef:
					default:
						open[g] = true
					}
				}
			}
		}
	}
	for _, g := range order {
		if open[g] {
			continue
		}
		v, f := g.Object().(*types.Var), held[g]
		m.aliases[v] = f
		if v.Exported() {
			m.Pass.ExportObjectFact(v, &Alias{Pkg: f.Pkg().Path(), Name: f.Name()})
		}
	}
}

// storedFunc returns the package-level function v is, or nil.
func storedFunc(v ssa.Value) *types.Func {
	fn, ok := unconvert(v).(*ssa.Function)
	if !ok || fn.Signature.Recv() != nil || fn.Parent() != nil {
		return nil
	}
	f, _ := fn.Object().(*types.Func)
	return f
}

// importAlias imports the Alias fact of v, a variable of another package,
// and finds the function it names among the packages the variable's
// package knows.
func (m *Model) importAlias(v *types.Var) {
	if _, ok := m.aliases[v]; ok {
		return
	}
	m.aliases[v] = nil
	var a Alias
	if !m.Pass.ImportObjectFact(v, &a) {
		return
	}
	pkg := v.Pkg()
	if pkg.Path() != a.Pkg {
		pkg = nil
		for _, p := range v.Pkg().Imports() {
			if p.Path() == a.Pkg {
				pkg = p
			}
		}
	}
	if pkg == nil {
		return
	}
	if f, ok := pkg.Scope().Lookup(a.Name).(*types.Func); ok {
		m.aliases[v] = f
	}
}

// aliased returns the function that v, a load of a package variable, is
// known to hold, or nil.
func (m *Model) aliased(v ssa.Value) *types.Func {
	u, ok := v.(*ssa.UnOp)
	if !ok || u.Op != token.MUL {
		return nil
	}
	g, ok := u.X.(*ssa.Global)
	if !ok {
		return nil
	}
	obj, _ := g.Object().(*types.Var)
	return m.aliases[obj]
}

// staticCallee returns the function call calls, like StaticCallee, also
// when it calls one of the package's functions through an alias.
func (m *Model) staticCallee(call *ssa.CallCommon) *ssa.Function {
	if fn := call.StaticCallee(); fn != nil {
		return fn
	}
	if f := m.aliased(call.Value); f != nil && f.Pkg() == m.Pass.Pkg {
		return m.pkg.Prog.FuncValue(f)
	}
	return nil
}
