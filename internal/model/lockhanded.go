package model

import (
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// Locks handed to an object. A function that keeps a pointer in a field
// of an object it makes and returns (q := &Query{db: db}; return q) hands
// what the pointer reaches to that object: q.db.mu is db.mu. bstore's
// QueryDB read-locks db and returns such a query, whose ForEach releases
// q.db.mu; to see that it releases the lock QueryDB took, the model
// writes a lock path through a field of a made object as the path of the
// value stored there. It does so only for a field whose every store is
// known: the one value the object gets, and nil (a nil pointer reaches
// no lock, see lockState.nils).

// A ResultField says that field Field of the object result Result of a
// function points to holds what parameter Param reaches through Path
// (as in LockEffect).
type ResultField struct {
	Result, Field int
	Param         int
	Path          []int
}

// handedKey memoizes bodyResultField.
type handedKey struct {
	fn            *ssa.Function
	result, field int
}

// canon returns p written without its reads of fields of objects made
// by the function or returned by a call: through the value the object
// was given.
func (a *lockAnalysis) canon(p lockPath) lockPath {
	for range 4 {
		f, rest, ok := fieldLoad(p.steps)
		if !ok {
			return p
		}
		var held lockPath
		switch r := p.root.(type) {
		case *ssa.Alloc:
			v := a.fieldValue(r, f)
			if v == nil {
				return p
			}
			held = pathOf(v)
		case *ssa.Call:
			held, ok = a.resultField(r.Common(), 0, f, 0)
		case *ssa.Extract:
			call, isCall := r.Tuple.(*ssa.Call)
			if !isCall {
				return p
			}
			held, ok = a.resultField(call.Common(), r.Index, f, 0)
		default:
			return p
		}
		if !ok || !held.known() {
			return p
		}
		p = lockPath{root: held.root, steps: held.steps + rest}.unspilled()
	}
	return p
}

// fieldLoad splits steps that begin by loading field f ("f3;*;") into f
// and the steps after the load.
func fieldLoad(steps string) (f int, rest string, ok bool) {
	if !strings.HasPrefix(steps, "f") {
		return 0, "", false
	}
	i := strings.Index(steps, ";")
	if i < 0 || !strings.HasPrefix(steps[i+1:], "*;") {
		return 0, "", false
	}
	f, err := strconv.Atoi(steps[1:i])
	if err != nil {
		return 0, "", false
	}
	return f, steps[i+1+len("*;"):], true
}

// fieldValue returns the one value other than nil that the package
// stores in field f of the object alloc makes, if every store into that
// field is known and each is nil or that store.
func (a *lockAnalysis) fieldValue(alloc *ssa.Alloc, f int) ssa.Value {
	fv := fieldVar(alloc.Type(), f)
	if fv == nil {
		return nil
	}
	if _, ok := fv.Type().Underlying().(*types.Pointer); !ok {
		return nil
	}
	if _, closed := a.m.FieldStores(fv); !closed {
		return nil
	}
	var val ssa.Value
	for _, st := range a.m.stores.stores[fv.Origin()] {
		if IsNil(st.Val) {
			continue
		}
		fa, ok := st.Addr.(*ssa.FieldAddr)
		if !ok || fa.X != alloc || val != nil && st.Val != val {
			return nil
		}
		val = st.Val
	}
	return val
}

// resultField returns, in the caller's terms, the path of what field f
// of the object result i of call points to holds, when the callee hands
// it one of its arguments (or what an argument reaches).
func (a *lockAnalysis) resultField(call *ssa.CallCommon, i, f, depth int) (lockPath, bool) {
	fn, ok := call.Value.(*ssa.Function)
	if !ok || depth > 3 {
		return lockPath{}, false
	}
	var param int
	var steps string
	if g := bodyOf(fn); g != nil {
		p, ok := a.bodyResultField(g, i, f, depth)
		if !ok {
			return lockPath{}, false
		}
		param, steps = paramIndex(p.root.(*ssa.Parameter)), p.steps
	} else {
		obj, ok := fn.Object().(*types.Func)
		fact := new(LockFact)
		if !ok || obj.Pkg() == nil || !a.m.Pass.ImportObjectFact(obj.Origin(), fact) {
			return lockPath{}, false
		}
		found := false
		for _, rf := range fact.Fields {
			if rf.Result == i && rf.Field == f {
				param, steps, found = rf.Param, pathSteps(rf.Path), true
				break
			}
		}
		if !found {
			return lockPath{}, false
		}
	}
	if param >= len(call.Args) {
		return lockPath{}, false
	}
	arg := a.canon(pathOf(call.Args[param]))
	if !arg.known() {
		return lockPath{}, false
	}
	return lockPath{root: arg.root, steps: arg.steps + steps}, true
}

// bodyResultField returns what field f of the object result i of fn
// points to holds, as a path from one of fn's parameters: every return
// gives nil or one object, made by fn, returned by a call or given as a
// parameter, whose field f holds it.
func (a *lockAnalysis) bodyResultField(fn *ssa.Function, i, f, depth int) (lockPath, bool) {
	key := handedKey{fn, i, f}
	if p, ok := a.handed[key]; ok {
		return p, p.known()
	}
	a.handed[key] = lockPath{} // a recursive function hands nothing
	var out lockPath
	for _, b := range fn.Blocks {
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok || i >= len(ret.Results) {
			continue
		}
		v := unconvert(ret.Results[i])
		if IsNil(v) {
			continue
		}
		var p lockPath
		switch x := v.(type) {
		case *ssa.Parameter: // a method that returns its receiver, to chain
			p = lockPath{root: x, steps: "f" + strconv.Itoa(f) + ";*;"}
		case *ssa.Alloc:
			if val := a.fieldValue(x, f); val != nil {
				p = a.canon(pathOf(val))
			}
		case *ssa.Call:
			p, _ = a.resultField(x.Common(), 0, f, depth+1)
		case *ssa.Extract:
			if call, ok := x.Tuple.(*ssa.Call); ok {
				p, _ = a.resultField(call.Common(), x.Index, f, depth+1)
			}
		}
		if param, ok := p.root.(*ssa.Parameter); !ok || param.Parent() != fn || out.known() && out != p {
			out = lockPath{}
			break
		}
		out = p
	}
	a.handed[key] = out
	return out, out.known()
}

// pathSteps returns the steps of a LockEffect's Path.
func pathSteps(path []int) string {
	var b strings.Builder
	for _, i := range path {
		if i < 0 {
			b.WriteString("*;")
		} else {
			b.WriteString("f" + strconv.Itoa(i) + ";")
		}
	}
	return b.String()
}

// resultFields returns the ResultFields of fn, for its fact.
func (a *lockAnalysis) resultFields(fn *ssa.Function) []ResultField {
	var out []ResultField
	results := fn.Signature.Results()
	for i := range results.Len() {
		st, ok := deref(results.At(i).Type()).Underlying().(*types.Struct)
		if !ok || !isPointer(results.At(i).Type()) {
			continue
		}
		for f := range st.NumFields() {
			if !isPointer(st.Field(f).Type()) {
				continue
			}
			p, ok := a.bodyResultField(fn, i, f, 0)
			if !ok {
				continue
			}
			e, ok := a.effect(fn, lockRef{path: p}, nil)
			if !ok {
				continue
			}
			out = append(out, ResultField{Result: i, Field: f, Param: e.Param, Path: e.Path})
		}
	}
	return out
}

func isPointer(t types.Type) bool {
	_, ok := t.Underlying().(*types.Pointer)
	return ok
}
