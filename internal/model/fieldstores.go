package model

import (
	"go/constant"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// fieldStores knows, for the struct fields of the package, the values the
// package stores into them: in constructors (&T{f: v} is a store too),
// setters and initializers. Real code keeps its clients and contexts
// there, and judges them by what it put in.
type fieldStores struct {
	vals map[*types.Var][]ssa.Value
	// open holds the fields whose values the package cannot all know:
	// fields of other packages' types, exported fields of exported
	// types (other packages may store into them), and fields whose
	// address goes anywhere but to a load or a store.
	open map[*types.Var]bool
	// reads holds the loads of each field (*&x.f, and x.f of a struct
	// value).
	reads map[*types.Var][]ssa.Value
	// stores holds the stores into each field, for where they are made.
	stores map[*types.Var][]*ssa.Store
}

// findFieldStores fills m.stores from every function of the package,
// including its initializer.
func (m *Model) findFieldStores(fns []*ssa.Function) {
	s := &fieldStores{vals: make(map[*types.Var][]ssa.Value), open: make(map[*types.Var]bool), reads: make(map[*types.Var][]ssa.Value), stores: make(map[*types.Var][]*ssa.Store)}
	for _, fn := range fns {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if fv, ok := instr.(*ssa.Field); ok {
					if f := loadedField(fv); f != nil {
						s.reads[f] = append(s.reads[f], fv)
						if f.Pkg() != m.Pass.Pkg || f.Exported() && exportedOwner(fv.X.Type()) {
							s.open[f] = true
						}
					}
					continue
				}
				fa, ok := instr.(*ssa.FieldAddr)
				if !ok {
					continue
				}
				f := FieldOf(fa)
				if f == nil {
					continue
				}
				f = f.Origin()
				if f.Pkg() != m.Pass.Pkg || f.Exported() && exportedOwner(fa.X.Type()) {
					s.open[f] = true
				}
				for _, ref := range Refs(fa) {
					switch ref := ref.(type) {
					case *ssa.Store:
						if ref.Addr != fa {
							s.open[f] = true
							continue
						}
						s.vals[f] = append(s.vals[f], ref.Val)
						s.stores[f] = append(s.stores[f], ref)
					case *ssa.UnOp:
						if ref.Op != token.MUL {
							s.open[f] = true
							continue
						}
						s.reads[f] = append(s.reads[f], ref)
					case *ssa.DebugRef, *ssa.FieldAddr, *ssa.IndexAddr:
						// A load, or the address of a part of the field,
						// judged on its own.
					default:
						s.open[f] = true
					}
				}
			}
		}
	}
	m.stores = s
}

// exportedOwner reports whether t, the type of a pointer to a struct,
// names a type other packages can name; an unnamed struct counts as one.
func exportedOwner(t types.Type) bool {
	named, ok := types.Unalias(deref(t)).(*types.Named)
	return !ok || named.Obj().Exported()
}

// FieldStores returns the values the package stores into field f, and
// whether they are all the values f can hold besides its zero value.
func (m *Model) FieldStores(f *types.Var) ([]ssa.Value, bool) {
	f = f.Origin()
	return m.stores.vals[f], !m.stores.open[f]
}

// FieldReads returns the loads of field f in the package.
func (m *Model) FieldReads(f *types.Var) []ssa.Value { return m.stores.reads[f.Origin()] }

// loadedField returns the field v reads: *&x.f, or x.f of a struct value.
func loadedField(v ssa.Value) *types.Var {
	switch v := v.(type) {
	case *ssa.UnOp:
		if _, ok := v.X.(*ssa.FieldAddr); ok && v.Op == token.MUL {
			return FieldOf(v.X) // nil when its base is no struct it can name
		}
	case *ssa.Field:
		if st, ok := v.X.Type().Underlying().(*types.Struct); ok {
			return st.Field(v.Field).Origin()
		}
	}
	return nil
}

// FieldFuncs returns the functions of the package that v, a function
// loaded from a struct field (c.fn, or xc.fn of a struct value), may be:
// the functions and literals stored in that field, those stored in the
// fields they are copied from (cmd{fn: xc.fn}), and those the callers of
// a function that stores its parameter there pass it (register("ls",
// ls)), when every store into them is known. It returns nil otherwise.
func (m *Model) FieldFuncs(v ssa.Value) []*ssa.Function {
	var out []*ssa.Function
	seen := make(map[*types.Var]bool)
	params := make(map[*ssa.Parameter]bool)
	var visit func(v ssa.Value) bool
	visit = func(v ssa.Value) bool {
		switch x := v.(type) {
		case *ssa.Function:
			out = append(out, x)
			return true
		case *ssa.MakeClosure:
			out = append(out, x.Fn.(*ssa.Function))
			return true
		case *ssa.Const:
			return x.IsNil()
		case *ssa.Parameter:
			if params[x] {
				return true
			}
			params[x] = true
			return len(params) <= 4 && m.eachArg(x, visit)
		}
		f := loadedField(v)
		if f == nil {
			return false
		}
		if seen[f] {
			return true
		}
		seen[f] = true
		vals, all := m.FieldStores(f)
		if !all || len(seen) > 4 {
			return false
		}
		for _, val := range vals {
			if !visit(val) {
				return false
			}
		}
		return true
	}
	if !visit(v) {
		return nil
	}
	return out
}

// FieldCalled reports whether one of methods may be called on the values
// kept in struct field f: other packages can reach f, or the package calls
// one of them on a value it loads from f, or hands such a value on
// (passes, returns, stores or converts it) where it may be. A Close that
// nothing calls on a field leaves what the field holds running.
func (m *Model) FieldCalled(f *types.Var, methods []string) bool {
	if _, all := m.FieldStores(f); !all {
		return true
	}
	for _, r := range m.FieldReads(f) {
		for _, ref := range Refs(r) {
			switch ref := ref.(type) {
			case ssa.CallInstruction:
				common := ref.Common()
				if common.IsInvoke() && common.Value == r {
					if slices.Contains(methods, common.Method.Name()) {
						return true
					}
					continue
				}
				callee := Callee(common)
				if callee == nil || callee.Signature().Recv() == nil || len(common.Args) == 0 || common.Args[0] != r || slices.Contains(common.Args[1:], r) {
					return true // handed on
				}
				if slices.Contains(methods, callee.Name()) {
					return true
				}
			case *ssa.DebugRef, *ssa.FieldAddr, *ssa.Field, *ssa.BinOp:
				// A part of it, or a comparison.
			default:
				return true
			}
		}
	}
	return false
}

// DefaultTest returns the test under which st, a store into a struct
// field, gives the field a default, or nil. Such a store runs at most once
// per value: only under a test of the same field (if x.f == 0, if x.f <= 0,
// if x.name == "") that the constant it stores fails, while every other
// store of the field the package makes is on a value its maker has just
// allocated (a constructor's). Past the test, the field holds its default
// or another value, and no later call stores it again: a goroutine started
// there reads a field nothing changes.
func (m *Model) DefaultTest(st *ssa.Store) *ssa.If {
	fa, ok := st.Addr.(*ssa.FieldAddr)
	val, isConst := st.Val.(*ssa.Const)
	if !ok || !isConst || val.Value == nil || FieldOf(fa) == nil {
		return nil
	}
	f := FieldOf(fa)
	if m.stores.open[f] || slices.ContainsFunc(m.stores.stores[f], func(o *ssa.Store) bool { return o != st && !fresh(o) }) {
		return nil
	}
	for b := st.Block(); b.Idom() != nil; b = b.Idom() {
		if len(b.Preds) != 1 {
			continue
		}
		test, ok := b.Preds[0].Instrs[len(b.Preds[0].Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		cond, ok := test.Cond.(*ssa.BinOp)
		if !ok {
			continue
		}
		x, y := val.Value, constant.Value(nil) // the test, with the stored constant for the field
		switch {
		case sameField(cond.X, fa):
			if c, ok := cond.Y.(*ssa.Const); ok {
				y = c.Value
			}
		case sameField(cond.Y, fa):
			if c, ok := cond.X.(*ssa.Const); ok {
				x, y = c.Value, val.Value
			}
		}
		if y == nil || (x.Kind() == constant.String) != (y.Kind() == constant.String) {
			continue
		}
		if constant.Compare(x, cond.Op, y) != (b.Preds[0].Succs[0] == b) {
			return test
		}
	}
	return nil
}

// sameField reports whether v loads the field fa addresses, of the same
// value (a variable captured by a closure is loaded anew at each use).
func sameField(v ssa.Value, fa *ssa.FieldAddr) bool {
	load, ok := v.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return false
	}
	g, ok := load.X.(*ssa.FieldAddr)
	return ok && g.Field == fa.Field && pathOf(g.X) == pathOf(fa.X)
}

// ownerOf returns x when v is a load of a field of x that holds only its
// owner: every store into the field, in the package that alone can make
// them, stores the value whose field it is, itself (c.self = c, as an
// interface) or as a method value bound to it (c.f = c.N). A call
// through the field is a call on x.
func (m *Model) ownerOf(v ssa.Value) ssa.Value {
	load, ok := v.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return nil
	}
	fa, ok := load.X.(*ssa.FieldAddr)
	if !ok {
		return nil
	}
	f := FieldOf(fa)
	if f == nil || m.stores.open[f.Origin()] || len(m.stores.stores[f.Origin()]) == 0 {
		return nil
	}
	for _, st := range m.stores.stores[f.Origin()] {
		val := concrete(st.Val)
		if mc, ok := val.(*ssa.MakeClosure); ok && BoundMethod(mc.Fn) != nil && len(mc.Bindings) == 1 {
			val = mc.Bindings[0]
		}
		if val != st.Addr.(*ssa.FieldAddr).X {
			return nil
		}
	}
	return fa.X
}

// eachArg calls visit on what every call of p's function passes for p
// (see eachCall).
func (m *Model) eachArg(p *ssa.Parameter, visit func(ssa.Value) bool) bool {
	i := slices.Index(p.Parent().Params, p)
	return m.eachCall(p.Parent(), func(args []ssa.Value) bool { return visit(args[i]) })
}

// eachCall calls visit with the arguments of every call of fn, when the
// package makes them all: fn is not exported, nor used as a value. It
// reports whether there are calls and every visit did.
func (m *Model) eachCall(fn *ssa.Function, visit func(args []ssa.Value) bool) bool {
	if m.threads == nil || fn.Parent() != nil || fn.Object() == nil || fn.Object().Exported() || len(m.valueRefs[fn]) > 0 {
		return false
	}
	callers := m.threads.callers[fn]
	for _, c := range callers {
		for _, site := range m.Sites(c, map[*ssa.Function]bool{fn: true}) {
			call, ok := site.(ssa.CallInstruction)
			if !ok || call.Common().IsInvoke() || len(call.Common().Args) != len(fn.Params) || !visit(call.Common().Args) {
				return false
			}
		}
	}
	return len(callers) > 0
}
