package model

import (
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// Wrappers is the package fact that names the methods of other packages'
// interfaces that the package implements with a deadline of its own: a
// type of the package implements the interface, and its method derives a
// context with a deadline (context.WithTimeout) on the way, itself or
// through what it calls.
//
// A call through an interface runs whatever implementation the value
// holds. The fact a generated gRPC client's package exports on its
// interface speaks only for its own implementation, which passes the
// caller's context to the RPC as it is. Programs often wrap that client
// in one that adds a timeout to every call (a retrying or sharding client
// of the same interface, handed to the code that uses it by dependency
// injection). When such a wrapper is in the program, a client that came
// from elsewhere may be it, and a call through it with no deadline of its
// own is not provably unbounded.
type Wrappers struct {
	Methods []string // apiKey of each interface method, sorted
}

func (*Wrappers) AFact() {}

func (w *Wrappers) String() string { return "wraps " + strings.Join(w.Methods, ", ") }

// findWrappers computes the package's own Wrappers, exports them, and
// gathers those of every package the program links before it, in
// m.wrapped.
func (m *Model) findWrappers() {
	m.wrapped = make(map[string]bool)
	for _, f := range m.Pass.AllPackageFacts() {
		if w, ok := f.Fact.(*Wrappers); ok && f.Package != m.Pass.Pkg {
			for _, k := range w.Methods {
				m.wrapped[k] = true
			}
		}
	}
	// The interfaces worth wrapping: those of other packages whose
	// methods the package calls and whose facts say they block.
	ifaces := make(map[*types.Named][]*types.Func)
	for fn, s := range m.summaries {
		recv := fn.Signature().Recv()
		if recv == nil {
			continue
		}
		named, ok := recv.Type().(*types.Named)
		if !ok || !types.IsInterface(named) || !reachesAPI(s) {
			continue
		}
		ifaces[named] = append(ifaces[named], fn)
	}
	var own []string
	if m.deadlineInterceptor() {
		own = append(own, grpcInvoke)
	}
	scope := m.Pass.Pkg.Scope()
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || tn.IsAlias() || types.IsInterface(tn.Type()) {
			continue
		}
		t := types.NewPointer(tn.Type())
		for named, methods := range ifaces {
			if !types.Implements(t, named.Underlying().(*types.Interface)) {
				continue
			}
			for _, im := range methods {
				obj, _, _ := types.LookupFieldOrMethod(t, false, im.Pkg(), im.Name())
				method, ok := obj.(*types.Func)
				if !ok || types.IsInterface(method.Signature().Recv().Type()) {
					continue // promoted from an embedded interface: it forwards
				}
				if fn := m.pkg.Prog.FuncValue(method); fn != nil && fn.Pkg == m.pkg && m.derivesDeadlineIn(fn) {
					own = append(own, apiKey(im))
				}
			}
		}
	}
	if len(own) == 0 {
		return
	}
	slices.Sort(own)
	own = slices.Compact(own)
	for _, k := range own {
		m.wrapped[k] = true
	}
	m.Pass.ExportPackageFact(&Wrappers{Methods: own})
}

// grpcInvoke is the method Wrappers names when the package has a gRPC
// unary client interceptor that adds a deadline (see deadlineInterceptor).
const grpcInvoke = "google.golang.org/grpc.ClientConnInterface.Invoke"

// deadlineInterceptor reports whether the package uses as a value (to
// install it on a connection: grpc.WithUnaryInterceptor) a function of
// the type of gRPC's unary client interceptors that derives a deadline:
// every unary RPC of such a connection has one, whatever the caller's
// context (boulder's clientMetadataInterceptor). As for wrappers, a
// connection of unknown origin may be one of those.
func (m *Model) deadlineInterceptor() bool {
	var sig *types.Signature
	for _, p := range m.Pass.Pkg.Imports() {
		if p.Path() == "google.golang.org/grpc" {
			if tn, ok := p.Scope().Lookup("UnaryClientInterceptor").(*types.TypeName); ok {
				sig, _ = tn.Type().Underlying().(*types.Signature)
			}
		}
	}
	if sig == nil {
		return false
	}
	seen := make(map[*ssa.Function]bool)
	for _, fn := range m.Funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				var g *ssa.Function
				switch x := instr.(type) {
				case *ssa.MakeClosure:
					g = x.Fn.(*ssa.Function)
					if obj, ok := g.Object().(*types.Func); ok && g.Synthetic != "" {
						g = m.pkg.Prog.FuncValue(obj) // a method value: its method
					}
				case *ssa.Store:
					g, _ = x.Val.(*ssa.Function)
				case *ssa.Call:
					for _, a := range x.Call.Args {
						if f, ok := a.(*ssa.Function); ok {
							g = f
						}
					}
				}
				if g == nil || seen[g] || g.Pkg != m.pkg {
					continue
				}
				seen[g] = true
				own := types.NewSignatureType(nil, nil, nil, g.Signature.Params(), g.Signature.Results(), g.Signature.Variadic())
				if types.Identical(own, sig) && m.derivesDeadlineIn(g) {
					return true
				}
			}
		}
	}
	return false
}

// intercepted reports whether api, as FuncName names it, sends a unary
// gRPC call, and the program links an interceptor that bounds those.
func (m *Model) intercepted(api string) bool {
	return m.wrapped[grpcInvoke] && (api == "grpc.ClientConnInterface.Invoke" || api == "(*grpc.ClientConn).Invoke")
}

func reachesAPI(s *Summary) bool {
	for _, p := range s.Params {
		if p.ReachesAPI != "" {
			return true
		}
	}
	return false
}

// derivesDeadlineIn reports whether fn, or a function of the package it
// runs (see runsInline), derives a context with a deadline.
func (m *Model) derivesDeadlineIn(fn *ssa.Function) bool {
	for g := range runsInline(fn, m.pkg) {
		if derivesDeadline(g) {
			return true
		}
	}
	return false
}

// wrappedCall reports whether call, through a method of another package's
// interface, may run an implementation that adds a deadline of its own
// (see Wrappers): the program has one, and the value called was not made
// by the interface's own package in plain sight.
func (m *Model) wrappedCall(call *ssa.CallCommon) bool {
	if !call.IsInvoke() || !m.wrapped[apiKey(call.Method)] {
		return false
	}
	v := call.Value
	for {
		switch x := v.(type) {
		case *ssa.MakeInterface:
			v = x.X
			continue
		case *ssa.ChangeInterface:
			v = x.X
			continue
		case *ssa.Call:
			// NewFooClient(conn): the interface's package made it.
			if fn := x.Call.StaticCallee(); fn != nil && fn.Pkg != nil && fn.Pkg.Pkg == call.Method.Pkg() {
				return false
			}
		}
		return true
	}
}
