package model

import (
	"fmt"
	"go/types"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// A LockFact is the fact the model exports for a function that takes,
// hands back or releases a lock reached from its parameters, so that
// callers in other packages are judged as if its body were theirs.
type LockFact struct {
	Acquires []LockEffect // locks it may take while it runs ("locks field mu of its receiver")
	Returns  []LockEffect // locks it returns holding, on every path ("returns with mu held")
	Releases []LockEffect // locks it releases without taking them: its callers hold them
	// Unlockers are locks that a function it returns releases when
	// called (return s.mu.Unlock): Result says which result.
	Unlockers []LockEffect
	// Fields are the fields of its results that hold what its
	// parameters reach (QueryDB(ctx, db) returns a query whose field
	// db is db): a lock it hands to a result is that result's.
	Fields []ResultField
}

// A LockEffect names a lock reached from a parameter.
type LockEffect struct {
	Param int   // in SSA terms: a method's receiver is 0
	Path  []int // from the parameter: a field index, or -1 for a load
	Read  bool  // RLock rather than Lock
	// Where names the Lock call, for messages: "store.go:42".
	Where string
	// Result is, for an Unlocker, the index of the result that releases
	// the lock.
	Result int
}

func (*LockFact) AFact() {}

func (f *LockFact) String() string {
	var parts []string
	for _, l := range []struct {
		name string
		effs []LockEffect
	}{{"acquires", f.Acquires}, {"returns", f.Returns}, {"releases", f.Releases}} {
		for _, e := range l.effs {
			parts = append(parts, l.name+" "+e.String())
		}
	}
	for _, e := range f.Unlockers {
		parts = append(parts, fmt.Sprintf("result%d releases %s", e.Result, e))
	}
	for _, rf := range f.Fields {
		parts = append(parts, fmt.Sprintf("result%d.%d holds %s", rf.Result, rf.Field, LockEffect{Param: rf.Param, Path: rf.Path}))
	}
	return "locks(" + strings.Join(parts, "; ") + ")"
}

func (e LockEffect) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "param%d", e.Param)
	for _, i := range e.Path {
		if i < 0 {
			b.WriteString("*")
		} else {
			fmt.Fprintf(&b, ".%d", i)
		}
	}
	if e.Read {
		b.WriteString(" (read)")
	}
	return b.String()
}

// exportFacts exports a LockFact for every exported function and method
// that takes, hands back or releases a lock of its parameters.
func (a *lockAnalysis) exportFacts() {
	for _, lf := range a.order {
		fn := lf.fn
		obj, ok := fn.Object().(*types.Func)
		if !ok || fn.Parent() != nil || !obj.Exported() || obj.Pkg() != a.m.Pass.Pkg {
			continue
		}
		fact := &LockFact{}
		for _, acq := range lf.acqs {
			if e, ok := a.effect(fn, acq.lockRef, acq.op); ok && !acq.cond {
				fact.Acquires = append(fact.Acquires, e)
			}
		}
		for _, h := range lf.retHeld {
			if e, ok := a.effect(fn, h.lockRef, h.inner); ok {
				fact.Returns = append(fact.Returns, e)
			}
		}
		for _, r := range lf.released {
			if e, ok := a.effect(fn, r, nil); ok {
				fact.Releases = append(fact.Releases, e)
			}
		}
		for i := range fn.Signature.Results().Len() {
			for _, r := range a.resultReleases(fn, i) {
				if e, ok := a.effect(fn, r, nil); ok {
					e.Result = i
					fact.Unlockers = append(fact.Unlockers, e)
				}
			}
		}
		fact.Fields = a.resultFields(fn)
		if len(fact.Acquires)+len(fact.Returns)+len(fact.Releases)+len(fact.Unlockers)+len(fact.Fields) > 0 {
			a.m.Pass.ExportObjectFact(obj, fact)
		}
	}
}

// resultReleases returns the locks that the function fn returns as its
// result i releases, in fn's terms: every return gives a closure or a
// method value (s.mu.Unlock) that releases them.
func (a *lockAnalysis) resultReleases(fn *ssa.Function, i int) []lockRef {
	var out []lockRef
	first := true
	for _, c := range a.returnedFuncs(fn, i, binding{}) {
		a.summarize(c.lf)
		var rels []lockRef
		for _, r := range c.lf.released {
			rels = append(rels, a.substCallee(c, r))
		}
		if first {
			out, first = rels, false
			continue
		}
		out = slices.DeleteFunc(out, func(r lockRef) bool { return !slices.ContainsFunc(rels, r.same) })
	}
	return out
}

// effect returns lock r of fn as a LockEffect, if it is reached from a
// parameter.
func (a *lockAnalysis) effect(fn *ssa.Function, r lockRef, at ssa.Instruction) (LockEffect, bool) {
	p, ok := r.path.root.(*ssa.Parameter)
	if !ok || p.Parent() != fn {
		return LockEffect{}, false
	}
	e := LockEffect{Param: paramIndex(p), Read: r.mode == lockRead}
	for _, step := range strings.Split(strings.TrimSuffix(r.path.steps, ";"), ";") {
		switch {
		case step == "":
		case step == "*":
			e.Path = append(e.Path, -1)
		default:
			i, err := strconv.Atoi(step[1:])
			if err != nil {
				return LockEffect{}, false
			}
			e.Path = append(e.Path, i)
		}
	}
	if at != nil && at.Pos().IsValid() {
		pos := a.m.Pass.Fset.Position(at.Pos())
		e.Where = fmt.Sprintf("%s:%d", shortFile(pos.Filename), pos.Line)
	}
	return e, true
}

func shortFile(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		return name[i+1:]
	}
	return name
}

// factEffects returns the effects of another package's function c as
// locks in its terms: rooted at argRoots, keyed by the field the path
// ends in.
func (a *lockAnalysis) factEffects(c *lockCallee, effs []LockEffect) []*lockAcq {
	sig := c.obj.Signature()
	var params []types.Type
	if sig.Recv() != nil {
		params = append(params, sig.Recv().Type())
	}
	for i := range sig.Params().Len() {
		params = append(params, sig.Params().At(i).Type())
	}
	var out []*lockAcq
	for _, e := range effs {
		if e.Param >= len(params) {
			continue
		}
		var steps strings.Builder
		var tail, before []*types.Var
		t := params[e.Param]
		for _, i := range e.Path {
			if i < 0 {
				steps.WriteString("*;")
				tail, before = nil, tail
				p, ok := t.Underlying().(*types.Pointer)
				if !ok {
					break
				}
				t = p.Elem()
				continue
			}
			fmt.Fprintf(&steps, "f%d;", i)
			f := fieldVar(t, i)
			if f == nil {
				break
			}
			tail = append(tail, f)
			t = f.Type()
		}
		if n := len(e.Path); n > 0 && e.Path[n-1] < 0 {
			tail = before // a pointer to the lock, kept in a field
		}
		mode := lockWrite
		if e.Read {
			mode = lockRead
		}
		r := lockRef{path: lockPath{root: argRoot(e.Param), steps: steps.String()}, tail: tail, mode: mode}
		r.key = any(c.obj) // for a parameter that is the lock, its binding gives the key
		if len(tail) > 0 {
			r.key = a.chainKey(tail)
		}
		out = append(out, &lockAcq{lockRef: r})
	}
	return out
}
