package model

import (
	"cmp"
	"go/constant"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// Locks: where goroutines can block forever on a sync.Mutex or
// sync.RWMutex (and the Conds over them).
//
// Every function is summarized once, callees first: the locks it may take
// while it runs (in terms of its parameters: "locks field mu of its
// receiver"), those it returns holding, those it releases without taking
// them (it expects them held), and the blocking operations it may wait in.
// Within a function a forward dataflow over its blocks says which locks are
// held, on every path, before each instruction. A second pass, callers
// first, gives each function the locks every caller holds when it calls
// it. The findings (LockFindings) compare the two: a lock taken again
// while held, a lock held across an operation whose partners need it, two
// locks taken in both orders, a lock not released on some path, a Cond
// waited on whose condition changes unsignalled. Nothing enumerates paths
// across functions: each function is walked a fixed number of times.

// A lockState is what a function knows, at one point, of the locks it
// holds.
type lockState struct {
	held     []*heldLock  // held on every path here, taken by the function
	released []lockRef    // released on every path here without being taken: the callers held them
	defers   []*ssa.Defer // deferred calls registered on some path here
	// nils are pointers tested nil on every path here. No lock is
	// reached through a nil pointer, so a lock under one is, vacuously,
	// as held or released as on the paths where the pointer is not nil:
	// `if q.db != nil { q.db.mu.Unlock() }` releases q.db.mu.
	nils []lockPath
}

func (s *lockState) clone() *lockState {
	return &lockState{held: slices.Clone(s.held), released: slices.Clone(s.released), defers: slices.Clone(s.defers), nils: slices.Clone(s.nils)}
}

// vacuous reports whether lock path p goes through a pointer st knows is
// nil.
func (st *lockState) vacuous(p lockPath) bool {
	return slices.ContainsFunc(st.nils, func(n lockPath) bool {
		_, ok := p.under(n)
		return ok
	})
}

// A heldLock is a lock a function holds.
type heldLock struct {
	lockRef
	// at is where the function took it: its Lock call, or the call that
	// returned holding it; for a lock the callers hold, the call of one.
	at ssa.Instruction
	// inner is the Lock call that took it, in this package, or the call
	// of another package's function that did.
	inner ssa.Instruction
	// caller is set for a lock the function's callers hold; site is then
	// one of the calls through which they do.
	caller bool
	site   ssa.Instruction
}

// A lockAcq is a lock a function may take while it runs.
type lockAcq struct {
	lockRef
	op  ssa.Instruction   // the Lock call, or the call of another package's function that takes it
	via []ssa.Instruction // the calls that lead from the function to op
	// cond reports that it is taken only when a parameter says so
	// (if !locked { mu.Lock() }): the caller may have said not to.
	cond bool
	// modal reports that it is taken only when a boolean field of a
	// parameter says so: the mode of its receiver (if !c.nodeScope), an
	// option of the call (if !opts.AlreadyLocked). Its own function is
	// judged with it; a caller holding the lock is not, since the mode may
	// be the very one under which the caller comes to call it.
	modal bool
	// dispatched reports that it is taken only in a method some call
	// reaches through an interface that may hold other types (see
	// lockCallee.uncertain): it need not be the one the interface holds
	// there.
	dispatched bool
	// released are the callers' locks released on the way to it: the
	// caller does not hold them when it is taken (unlock to call out,
	// then lock again).
	released []lockRef
}

// releasedOn reports whether lock h of the caller is released on the way
// to acq.
func (acq *lockAcq) releasedOn(h *heldLock) bool {
	return slices.ContainsFunc(acq.released, func(r lockRef) bool {
		return r.sameLock(h.lockRef) || (!h.path.exact() || !r.path.exact()) && r.key == h.key
	})
}

type eventKind uint8

const (
	evAcquire eventKind = iota + 1 // a lock is taken, directly or by a callee
	evCall                         // a call of functions the analysis follows
	evBlock                        // a blocking operation
)

// A lockEvent is something that happens, in a function, to or under its
// locks.
type lockEvent struct {
	kind  eventKind
	instr ssa.Instruction // for a deferred call, its Defer
	st    *lockState      // before it
	acq   *lockAcq        // evAcquire, in the function's terms
	from  *lockCallee     // evAcquire: the callee that takes it, if not the function
	calls []*lockCallee   // evCall
	ops   []*Operation    // evBlock: the operation, or the cases of a select
	// doomed is set when every path from the instruction ends in a panic
	// (or a call that never returns): error handling, not a way to block.
	doomed bool
}

// needKey memoizes what a caller's goroutine needs before it calls fn,
// for an operation on a channel of class c.
type needKey struct {
	caller, fn *ssa.Function
	c          *Class
	inst       instance
}

// A lockFn is the lock analysis of one function.
type lockFn struct {
	fn       *ssa.Function
	state    uint8 // 0: not started, 1: in progress, 2: summarized
	events   []*lockEvent
	acqs     []*lockAcq  // the locks it may take, not ones it released first
	retHeld  []*heldLock // held at every return
	released []lockRef   // released at every return without being taken
	mayRel   []lockRef   // released on some path and not taken back, itself or by its callees
	blocks   []*lockBlock
	entry    []*heldLock                    // held by every caller (nil: none, or not known)
	sites    []*lockSite                    // where the package runs it inline
	opState  map[ssa.Instruction]*lockState // before each channel or sync operation
	reach    map[*ssa.BasicBlock]map[*ssa.BasicBlock]bool
	live     map[*ssa.BasicBlock]bool // blocks from which a return or a loop is reachable
	// paramHeld are, for a function parameter the function calls, the
	// locks it holds at every such call: a callback its callers pass runs
	// with them held (Each read-locks the set and calls f for each item).
	paramHeld map[*ssa.Parameter][]*heldLock
}

// A lockBlock is a blocking operation a function may wait in.
type lockBlock struct {
	ops      []*Operation
	via      []ssa.Instruction       // calls from the function to it
	released []lockRef               // the callers' locks released on the way
	keys     map[any]ssa.Instruction // the locks every partner needs (see sensitive)
	// callbacks are, for keys a partner takes only in a callback its
	// function's callers pass, those callbacks: the key counts at a call
	// that passes one of them, not at the others.
	callbacks map[any]map[*ssa.Function]bool
}

// A lockSite is a call through which a function runs inline.
type lockSite struct {
	caller *lockFn
	ev     *lockEvent
	bind   binding
}

// A lockCallee is a function a call may run, with how its roots are bound.
type lockCallee struct {
	lf   *lockFn   // a function of this package
	fact *LockFact // or another package's function, through its fact
	obj  *types.Func
	bind binding
	// dynamic is set for a function the call may run as a value (found
	// through parameters, closures, fields): the call is not one of its
	// sites, from which the locks its callers hold are judged.
	dynamic bool
	// invoke is set for an implementation of the interface method a call
	// invokes: one of the types the interface may hold. Uncertain is set
	// too when the interface is another package's: it may hold types the
	// package cannot see (the device a wrapper wraps), and the package's
	// own is then a guess.
	invoke, uncertain bool
	// outer, for a function another call returned (see returnedCallees),
	// binds the parameters of the function that returned it: its free
	// variables are bound in that function's terms first.
	outer binding
	// backOf is set for a function a call passes to its callee, which
	// calls it back as its parameter backParam: it runs with the locks the
	// callee holds there.
	backOf    *lockCallee
	backParam *ssa.Parameter
	// param is set for a function value that comes from a parameter:
	// one of those the function's callers pass. What it does belongs to
	// the caller that passed it (which sees it as a callback), not to the
	// function's summary; only the goroutine that runs the function is
	// judged with all of them.
	param bool
}

type lockAnalysis struct {
	m       *Model
	fns     map[*ssa.Function]*lockFn
	order   []*lockFn // callees before callers
	impls   map[string][]*ssa.Function
	callees map[ssa.CallInstruction][]*lockCallee
	// static call sites of each function, for the function values its
	// parameters get.
	calls      map[*ssa.Function][]*ssa.CallCommon
	funcStores map[*types.Var][]*ssa.Store // stores to fields of func type, or slices of it
	spawned    map[*ssa.Function]bool      // goroutine bodies
	used       map[*ssa.Function]bool      // used as values where the package cannot see the call
	writers    map[any]ssa.Instruction     // keys write-locked somewhere: where
	needMemo   map[needKey]map[any]ssa.Instruction
	guards     map[ssa.Instruction][]*Class  // acquisitions made only while channels of these classes are open
	pubMemo    map[needKey][]ssa.Instruction // publications, by function and class
	sensMemo   map[*Operation]map[any]ssa.Instruction
	// callbackLocks maps a lock goroutines need to the callbacks through
	// which alone they take it, functions their callers pass; to nil once
	// one is seen taking it otherwise (see keysBefore).
	callbackLocks map[any]map[*ssa.Function]bool
	findings      []*LockFinding
	reported      map[ssa.Instruction]bool
	chains        map[string]*lockChain
	flags         map[[2]any][]*ssa.Function // see findFlags
	retested      map[*ssa.Function]map[ssa.Value]bool
	called        map[*ssa.Parameter]callState
	handed        map[handedKey]lockPath // see bodyResultField
}

// A callState is what paramCalled knows of a parameter.
type callState uint8

const (
	callUnknown callState = iota
	callPending           // being computed: a cycle gives no call
	callYes
	callNo
)

func (m *Model) findLocks(fns []*ssa.Function) {
	if !m.usesLocks() {
		return
	}
	a := &lockAnalysis{
		m:             m,
		fns:           make(map[*ssa.Function]*lockFn),
		called:        make(map[*ssa.Parameter]callState),
		impls:         make(map[string][]*ssa.Function),
		callees:       make(map[ssa.CallInstruction][]*lockCallee),
		calls:         make(map[*ssa.Function][]*ssa.CallCommon),
		funcStores:    make(map[*types.Var][]*ssa.Store),
		spawned:       make(map[*ssa.Function]bool),
		used:          make(map[*ssa.Function]bool),
		writers:       make(map[any]ssa.Instruction),
		needMemo:      make(map[needKey]map[any]ssa.Instruction),
		guards:        make(map[ssa.Instruction][]*Class),
		pubMemo:       make(map[needKey][]ssa.Instruction),
		sensMemo:      make(map[*Operation]map[any]ssa.Instruction),
		callbackLocks: make(map[any]map[*ssa.Function]bool),
		reported:      make(map[ssa.Instruction]bool),
		chains:        make(map[string]*lockChain),
		retested:      make(map[*ssa.Function]map[ssa.Value]bool),
		handed:        make(map[handedKey]lockPath),
	}
	a.index(fns)
	for _, fn := range fns {
		a.summarize(a.fn(fn))
	}
	for _, lf := range slices.Backward(a.order) {
		a.entryHeld(lf)
	}
	for _, lf := range a.order {
		a.summarizeBlocks(lf) // covered asks what callers hold
	}
	a.find()
	m.lockFindings = a.findings
	a.exportFacts()
}

// usesLocks reports whether the package can take a lock: it has a mutex
// or a Cond, or calls a function of another package that takes one.
func (m *Model) usesLocks() bool {
	for _, c := range m.Classes() {
		switch c.Kind {
		case Mutex, RWMutex, Cond:
			return true
		}
	}
	for _, fn := range m.Funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if call, ok := instr.(ssa.CallInstruction); ok {
					if obj, ok := call.Common().Value.(*ssa.Function); ok && obj.Blocks == nil {
						if f, ok := obj.Object().(*types.Func); ok {
							var fact LockFact
							if m.Pass.ImportObjectFact(f, &fact) {
								return true
							}
						}
					}
				}
			}
		}
	}
	return false
}

// LockFindings returns the ways the package's goroutines can block
// forever on locks, in source order.
func (m *Model) LockFindings() []*LockFinding { return m.lockFindings }

func (a *lockAnalysis) fn(fn *ssa.Function) *lockFn {
	lf := a.fns[fn]
	if lf == nil {
		lf = &lockFn{fn: fn}
		a.fns[fn] = lf
	}
	return lf
}

// index records what the summaries need of the whole package: methods by
// name, static call sites, values stored in func fields, goroutine bodies,
// and functions used where the package cannot see their calls.
func (a *lockAnalysis) index(fns []*ssa.Function) {
	for _, fn := range fns {
		if fn.Signature.Recv() != nil && fn.Parent() == nil {
			a.impls[fn.Name()] = append(a.impls[fn.Name()], fn)
		}
	}
	for _, s := range a.m.Spawns {
		if s.Body != nil {
			a.spawned[s.Body] = true
		}
	}
	var ops []*ssa.Value
	for _, fn := range fns {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				switch x := instr.(type) {
				case *ssa.Store:
					if fa, ok := x.Addr.(*ssa.FieldAddr); ok {
						if isFuncOrFuncs(x.Val.Type()) {
							if f := fieldVar(fa.X.Type(), fa.Field); f != nil {
								a.funcStores[f] = append(a.funcStores[f], x)
							}
						}
					}
				case ssa.CallInstruction:
					common := x.Common()
					if g, ok := common.Value.(*ssa.Function); ok {
						if g = bodyOf(g); g != nil {
							a.calls[g] = append(a.calls[g], common)
						}
					}
					if _, isGo := x.(*ssa.Go); isGo {
						for _, arg := range common.Args {
							a.useAsValue(arg)
						}
						continue
					}
					for i, arg := range common.Args {
						if !a.callsBack(common, i) {
							a.useAsValue(arg)
						}
					}
					continue
				}
				ops = instr.Operands(ops[:0])
				if mc, ok := instr.(*ssa.MakeClosure); ok {
					ops = ops[1:] // the bindings
					if !a.m.closureCalledOnly(mc) && !a.closureCalledBack(mc) {
						a.used[mc.Fn.(*ssa.Function)] = true
					}
				}
				for _, op := range ops {
					a.useAsValue(*op)
				}
			}
		}
	}
}

func (a *lockAnalysis) useAsValue(v ssa.Value) {
	if f, ok := v.(*ssa.Function); ok {
		a.used[f] = true
	}
}

// closureCalledBack reports whether every use of the closure mc makes is
// a call of it or an argument of a call that calls it back before it
// returns.
func (a *lockAnalysis) closureCalledBack(mc *ssa.MakeClosure) bool {
	for _, r := range Refs(mc) {
		switch r := r.(type) {
		case *ssa.DebugRef:
		case ssa.CallInstruction:
			if _, isGo := r.(*ssa.Go); isGo {
				continue // a goroutine body: spawned
			}
			common := r.Common()
			if common.Value == mc {
				continue
			}
			i := slices.Index(common.Args, ssa.Value(mc))
			if i < 0 || !a.callsBack(common, i) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// callsBack reports whether the function call calls invokes its argument
// i (a function) before it returns: a function of the package that calls
// that parameter, or a known one of the standard library (sort.Slice,
// sync.Once.Do, an iterator's yield).
func (a *lockAnalysis) callsBack(call *ssa.CallCommon, i int) bool {
	if i >= len(call.Args) {
		return false
	}
	if g, ok := call.Args[i].(*ssa.MakeClosure); ok && isYield(g.Fn.(*ssa.Function)) {
		return true
	}
	if call.IsInvoke() {
		return false
	}
	g, ok := call.Value.(*ssa.Function)
	if !ok {
		return false
	}
	if body := bodyOf(g); body != nil && body.Pkg == a.m.pkg {
		return i < len(body.Params) && a.paramCalled(body.Params[i])
	}
	fn, ok := g.Object().(*types.Func)
	if !ok {
		return false
	}
	for _, k := range syncCallbacks {
		if IsFunc(fn.Origin(), k.pkg, k.name) {
			return true
		}
	}
	return false
}

// paramCalled reports whether the function of parameter p calls it, or
// passes it on to a function that does, before it returns. Each parameter
// is judged once: a parameter handed down a chain of wrappers, each called
// from many places, would otherwise be judged again on every way there.
func (a *lockAnalysis) paramCalled(p *ssa.Parameter) bool {
	switch a.called[p] {
	case callPending, callNo:
		return false
	case callYes:
		return true
	}
	a.called[p] = callPending
	res := callNo
	for _, r := range Refs(p) {
		call, ok := r.(ssa.CallInstruction)
		if !ok {
			continue
		}
		if _, isGo := r.(*ssa.Go); isGo {
			continue
		}
		common := call.Common()
		if common.Value == p {
			res = callYes
			break
		}
		if i := slices.Index(common.Args, ssa.Value(p)); i >= 0 && a.callsBack(common, i) {
			res = callYes
			break
		}
	}
	a.called[p] = res
	return res == callYes
}

// syncCallbacks are functions of the standard library that call a
// function argument before they return.
var syncCallbacks = []struct{ pkg, name string }{
	{"sync", "Once.Do"}, {"sync", "Map.Range"},
	{"sort", "Slice"}, {"sort", "SliceStable"}, {"sort", "Search"}, {"sort", "Find"},
	{"slices", "SortFunc"}, {"slices", "SortStableFunc"}, {"slices", "IndexFunc"}, {"slices", "ContainsFunc"},
	{"slices", "DeleteFunc"}, {"slices", "BinarySearchFunc"}, {"slices", "MinFunc"}, {"slices", "MaxFunc"},
	{"slices", "CompactFunc"}, {"slices", "EqualFunc"}, {"maps", "DeleteFunc"},
	{"strings", "Map"}, {"strings", "FieldsFunc"}, {"strings", "IndexFunc"}, {"strings", "TrimFunc"},
	{"bytes", "Map"}, {"bytes", "FieldsFunc"}, {"bytes", "IndexFunc"}, {"bytes", "TrimFunc"},
	{"path/filepath", "Walk"}, {"path/filepath", "WalkDir"}, {"io/fs", "WalkDir"},
}

// summarize computes the summary of lf, after those of its callees.
func (a *lockAnalysis) summarize(lf *lockFn) {
	if lf.state != 0 || lf.fn.Blocks == nil {
		return
	}
	lf.state = 1
	for _, b := range lf.fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			if _, isGo := instr.(*ssa.Go); isGo {
				continue
			}
			for _, c := range slices.Concat(a.calleesOf(call), a.handedCallees(call)) {
				if c.lf != nil && c.lf.state == 0 {
					a.summarize(c.lf)
				}
			}
		}
	}
	a.flow(lf)
	lf.state = 2
	a.order = append(a.order, lf)
}

// calleesOf returns the functions call may run before it returns.
func (a *lockAnalysis) calleesOf(call ssa.CallInstruction) []*lockCallee {
	if cs, ok := a.callees[call]; ok {
		return cs
	}
	var cs []*lockCallee
	common := call.Common()
	test := a.m.inTestFile(call.Parent())
	if common.IsInvoke() {
		if iface, ok := common.Value.Type().Underlying().(*types.Interface); ok {
			// A field that holds its owner (c.self = c) calls back into
			// the value it is read from: its own type, and no other.
			owner := a.m.ownerOf(common.Value)
			var impls []*ssa.Function
			for _, impl := range a.impls[common.Method.Name()] {
				recv := impl.Signature.Recv().Type()
				if owner != nil {
					if types.Identical(recv, owner.Type()) {
						impls = append(impls, impl)
					}
					continue
				}
				if types.Implements(recv, iface) && (test || !a.m.inTestFile(impl)) && !sameRecv(impl, call.Parent()) && !a.m.NotOf(common.Value, recv) {
					impls = append(impls, impl)
				}
			}
			if len(impls) > maxImpls {
				impls = nil // any of many types: too vague to follow
			}
			named, _ := types.Unalias(common.Value.Type()).(*types.Named)
			uncertain := named != nil && named.Obj().Pkg() != a.m.Pass.Pkg
			for _, impl := range impls {
				b := binding{}
				if len(impl.Params) > 0 {
					b[impl.Params[0]] = a.bindValue(common.Value)
					if owner != nil {
						b[impl.Params[0]] = a.bindValue(owner)
					}
				}
				for i, arg := range common.Args {
					if i+1 < len(impl.Params) {
						b[impl.Params[i+1]] = a.bindValue(arg)
					}
				}
				cs = append(cs, &lockCallee{lf: a.fn(impl), bind: b, invoke: true, uncertain: uncertain})
			}
		}
	} else {
		switch v := common.Value.(type) {
		case *ssa.Builtin:
		case *ssa.Function:
			if g := bodyOf(v); g != nil {
				cs = append(cs, a.static(call, g, nil))
			} else if c := a.foreign(v, common); c != nil {
				cs = append(cs, c)
			}
		case *ssa.MakeClosure:
			cs = append(cs, a.static(call, v.Fn.(*ssa.Function), v))
		default:
			if rc := a.returnedCallees(call, v); rc != nil {
				cs = append(cs, rc...)
				break
			}
			seen := make(map[*ssa.Function]bool)
			param := a.fromParam(v)
			owner := a.m.ownerOf(v) // c.f = c.N: a method value of the value it is read from
			for _, fv := range a.funcValues(v, 0, seen) {
				if !test && a.m.inTestFile(fv.fn) {
					continue
				}
				if obj := BoundMethod(fv.fn); owner != nil && obj != nil {
					// The method itself, on the value the field is read from.
					if g := bodyOf(a.m.pkg.Prog.FuncValue(obj)); g != nil && len(g.Params) == len(common.Args)+1 {
						c := a.static(call, g, nil)
						c.bind = binding{g.Params[0]: a.bindValue(owner)}
						for i, arg := range common.Args {
							c.bind[g.Params[i+1]] = a.bindValue(arg)
						}
						cs = append(cs, c)
						continue
					}
				}
				c := a.static(call, fv.fn, fv.mc)
				c.dynamic, c.param = true, param
				cs = append(cs, c)
			}
		}
		for i, arg := range common.Args {
			var g *ssa.Function
			var mc *ssa.MakeClosure
			switch x := arg.(type) {
			case *ssa.Function:
				g = x
			case *ssa.MakeClosure:
				g, mc = x.Fn.(*ssa.Function), x
			}
			if g = bodyOf(g); g != nil && a.callsBack(common, i) {
				c := a.static(call, g, mc)
				for _, p := range g.Params {
					delete(c.bind, p) // the callee chooses the arguments
				}
				if len(cs) > 0 && cs[0].lf != nil && !cs[0].dynamic && i < len(cs[0].lf.fn.Params) {
					c.backOf, c.backParam = cs[0], cs[0].lf.fn.Params[i]
				}
				cs = append(cs, c)
			}
		}
	}
	a.callees[call] = cs
	return cs
}

// substCallee returns r, a lock in callee c's terms, in its caller's.
func (a *lockAnalysis) substCallee(c *lockCallee, r lockRef) lockRef {
	r = a.subst(c.bind, r)
	if c.outer != nil {
		r = a.subst(c.outer, r)
	}
	return r
}

// returnedCallees returns the callees of call, whose function value v is
// result i of another call (unlock := lockFor(s); unlock()): the closures
// or method values (s.mu.Unlock) that the called function returns there,
// with their free variables bound through that call's arguments, so that
// s.mu.Unlock in the closure is the caller's s.mu; for sync.OnceFunc,
// the function it was given; or, for another package's function, what
// its fact says that result releases. It
// returns nil if v is no such result, or if a return gives another kind
// of value.
func (a *lockAnalysis) returnedCallees(call ssa.CallInstruction, v ssa.Value) []*lockCallee {
	index := 0
	if x, ok := v.(*ssa.Extract); ok {
		v, index = x.Tuple, x.Index
	}
	producer, ok := v.(*ssa.Call)
	if !ok {
		return nil
	}
	callee := producer.Call.StaticCallee()
	if callee == nil {
		return nil
	}
	if g := bodyOf(callee); g != nil && g.Pkg != nil && g.Pkg.Pkg == a.m.Pass.Pkg {
		return a.returnedFuncs(g, index, a.static(producer, g, nil).bind)
	}
	if f, _ := callee.Object().(*types.Func); IsFunc(f, "sync", "OnceFunc") {
		// It returns a function that runs its argument, once: deferred to
		// catch the early returns and called before the next Lock.
		if c := a.closureCallee(producer.Call.Args[0]); c != nil {
			return []*lockCallee{c}
		}
		return nil
	}
	c := a.foreign(callee, &producer.Call)
	if c == nil {
		return nil
	}
	var rels []LockEffect
	for _, e := range c.fact.Unlockers {
		if e.Result == index {
			rels = append(rels, e)
		}
	}
	if len(rels) == 0 {
		return nil
	}
	c.fact, c.dynamic = &LockFact{Releases: rels}, true
	return []*lockCallee{c}
}

// returnedFuncs returns the functions g returns as its result i, each
// with its free variables bound in g's terms, and with outer (g's
// parameters bound at a call, if any) to bind those; nil if a return
// gives anything but a closure or a method value.
func (a *lockAnalysis) returnedFuncs(g *ssa.Function, i int, outer binding) []*lockCallee {
	var cs []*lockCallee
	for _, b := range g.Blocks {
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok || i >= len(ret.Results) {
			continue
		}
		c := a.closureCallee(ret.Results[i])
		if c == nil {
			return nil
		}
		if len(outer) > 0 {
			c.outer = outer
		}
		cs = append(cs, c)
	}
	return cs
}

// closureCallee returns v, a closure or a method value (s.mu.Unlock), as
// a callee whose free variables are bound in the terms of the function
// that made it; or nil if v is no such value.
func (a *lockAnalysis) closureCallee(v ssa.Value) *lockCallee {
	mc, ok := v.(*ssa.MakeClosure)
	if !ok {
		return nil
	}
	fn := bodyOf(mc.Fn.(*ssa.Function))
	if fn == nil {
		return nil
	}
	c := &lockCallee{lf: a.fn(fn), bind: binding{}, dynamic: true}
	for k, fv := range fn.FreeVars {
		if k < len(mc.Bindings) {
			c.bind[fv] = a.bindValue(mc.Bindings[k])
		}
	}
	return c
}

// handedCallees returns the closures and method values that call passes
// as arguments. A lock one of them releases without taking it (a bound
// mu.Unlock, func() { mu.Unlock() }) is handed over with it: the callee,
// or the object it keeps the function in (gVisor's cleanup.Make(mu.Unlock),
// t.Cleanup, context.AfterFunc), may release it at any time, and the
// caller no longer surely holds it.
func (a *lockAnalysis) handedCallees(call ssa.CallInstruction) []*lockCallee {
	var cs []*lockCallee
	common := call.Common()
	for i, arg := range common.Args {
		if c := a.closureCallee(arg); c != nil && (common.IsInvoke() || !a.callsBack(common, i)) {
			cs = append(cs, c) // not one a call back runs: calleesOf has those
		}
	}
	return cs
}

// sameRecv reports whether methods f and g (or the method g is a literal
// in) have the same receiver type: a method that calls an interface its
// own type implements calls another value's (a connection wrapping a
// connection), and locks a lock of the same kind that is not its own.
func sameRecv(f, g *ssa.Function) bool {
	g = outermost(g)
	rf, rg := f.Signature.Recv(), g.Signature.Recv()
	return rf != nil && rg != nil && types.Identical(deref(rf.Type()), deref(rg.Type()))
}

// maxImpls is the most implementations of an interface method a call
// through the interface is followed into.
const maxImpls = 2

// static returns the callee g of call, with its parameters bound to the
// call's arguments and, for a closure made by the caller, its free
// variables to the closure's bindings.
func (a *lockAnalysis) static(call ssa.CallInstruction, g *ssa.Function, mc *ssa.MakeClosure) *lockCallee {
	args := call.Common().Args
	b := binding{}
	for i, p := range g.Params {
		if i < len(args) {
			b[p] = a.bindValue(args[i])
		}
	}
	if mc != nil && mc.Parent() == call.Parent() {
		for i, fv := range g.FreeVars {
			if i < len(mc.Bindings) {
				b[fv] = a.bindValue(mc.Bindings[i])
			}
		}
	}
	return &lockCallee{lf: a.fn(g), bind: b}
}

// foreign returns another package's function g as a callee known through
// its LockFact, or nil.
func (a *lockAnalysis) foreign(g *ssa.Function, call *ssa.CallCommon) *lockCallee {
	obj, ok := g.Object().(*types.Func)
	if !ok || obj.Pkg() == nil || obj.Pkg().Path() == "sync" {
		return nil
	}
	fact := new(LockFact)
	if !a.m.Pass.ImportObjectFact(obj.Origin(), fact) {
		return nil
	}
	b := binding{}
	for i, arg := range call.Args {
		b[argRoot(i)] = a.bindValue(arg)
	}
	return &lockCallee{fact: fact, obj: obj, bind: b}
}

type funcValue struct {
	fn *ssa.Function
	mc *ssa.MakeClosure
}

// funcValues returns the functions of the package that v, a func value,
// may be: the arguments of the calls of the function whose parameter it
// is, a closure's binding, what is stored in its field.
func (a *lockAnalysis) funcValues(v ssa.Value, depth int, seen map[*ssa.Function]bool) []funcValue {
	if depth > 3 {
		return nil
	}
	var out []funcValue
	add := func(fv funcValue) {
		if fv.fn = bodyOf(fv.fn); fv.fn != nil && !seen[fv.fn] {
			seen[fv.fn] = true
			out = append(out, fv)
		}
	}
	switch x := v.(type) {
	case *ssa.Function:
		add(funcValue{fn: x})
	case *ssa.MakeClosure:
		add(funcValue{fn: x.Fn.(*ssa.Function), mc: x})
	case *ssa.Parameter:
		i := slices.Index(x.Parent().Params, x)
		for _, call := range a.calls[x.Parent()] {
			if i < len(call.Args) {
				out = append(out, a.funcValues(call.Args[i], depth+1, seen)...)
			}
		}
	case *ssa.FreeVar:
		if mc := a.m.closures[x.Parent()]; mc != nil {
			if i := slices.Index(x.Parent().FreeVars, x); i < len(mc.Bindings) {
				out = append(out, a.funcValues(mc.Bindings[i], depth+1, seen)...)
			}
		}
	case *ssa.UnOp:
		switch addr := x.X.(type) {
		case *ssa.FieldAddr:
			for _, st := range a.funcStores[fieldVar(addr.X.Type(), addr.Field)] {
				out = append(out, a.funcValues(st.Val, depth+1, seen)...)
			}
		case *ssa.IndexAddr: // an element of a slice kept in a field
			if load, ok := addr.X.(*ssa.UnOp); ok && load.Op == token.MUL {
				if fa, ok := load.X.(*ssa.FieldAddr); ok {
					for _, st := range a.funcStores[fieldVar(fa.X.Type(), fa.Field)] {
						for _, v := range appended(st.Val) {
							out = append(out, a.funcValues(v, depth+1, seen)...)
						}
					}
				}
			}
		case *ssa.FreeVar: // a variable captured by reference
			if mc := a.m.closures[addr.Parent()]; mc != nil {
				if i := slices.Index(addr.Parent().FreeVars, addr); i < len(mc.Bindings) {
					out = append(out, a.stored(mc.Bindings[i], depth, seen)...)
				}
			}
		case *ssa.Alloc:
			out = append(out, a.stored(addr, depth, seen)...)
		}
	case *ssa.Phi:
		for _, e := range x.Edges {
			out = append(out, a.funcValues(e, depth+1, seen)...)
		}
	case *ssa.ChangeType:
		out = append(out, a.funcValues(x.X, depth+1, seen)...)
	}
	return out
}

// isFuncOrFuncs reports whether t is a func type or a slice of one.
func isFuncOrFuncs(t types.Type) bool {
	if sl, ok := t.Underlying().(*types.Slice); ok {
		t = sl.Elem()
	}
	_, ok := t.Underlying().(*types.Signature)
	return ok
}

// appended returns the values v, stored in a slice field, adds to it:
// the elements append gives it (f.jobs = append(f.jobs, j)), or those of
// a slice literal.
func appended(v ssa.Value) []ssa.Value {
	var arr ssa.Value
	switch x := v.(type) {
	case *ssa.Call:
		if b, ok := x.Call.Value.(*ssa.Builtin); !ok || b.Name() != "append" || len(x.Call.Args) != 2 {
			return nil
		}
		sl, ok := x.Call.Args[1].(*ssa.Slice)
		if !ok {
			return nil
		}
		arr = sl.X
	case *ssa.Slice:
		arr = x.X
	default:
		return nil
	}
	alloc, ok := arr.(*ssa.Alloc)
	if !ok {
		return nil
	}
	var out []ssa.Value
	for _, r := range Refs(alloc) {
		if ia, ok := r.(*ssa.IndexAddr); ok {
			for _, u := range Refs(ia) {
				if st, ok := u.(*ssa.Store); ok && st.Addr == ia {
					out = append(out, st.Val)
				}
			}
		}
	}
	return out
}

// fromParam reports whether which functions func value v may be depends
// on who calls, or on which object: v is a parameter of the function that
// calls it (or of one it is a literal in, captured), a callback its caller
// passes; or it is loaded from a field that only constructors set, on the
// objects they make (an optional hook), not on every object.
func (a *lockAnalysis) fromParam(v ssa.Value) bool {
	for range 4 {
		switch x := v.(type) {
		case *ssa.Parameter:
			return true
		case *ssa.UnOp:
			if fa, ok := x.X.(*ssa.FieldAddr); ok {
				stores := a.funcStores[fieldVar(fa.X.Type(), fa.Field)]
				return len(stores) > 0 && !slices.ContainsFunc(stores, func(st *ssa.Store) bool { return !fresh(st) })
			}
			v = x.X // a captured variable's cell
		case *ssa.FreeVar:
			mc := a.m.closures[x.Parent()]
			i := slices.Index(x.Parent().FreeVars, x)
			if mc == nil || i >= len(mc.Bindings) {
				return false
			}
			v = mc.Bindings[i]
		case *ssa.Alloc:
			var stored ssa.Value
			for _, r := range Refs(x) {
				if st, ok := r.(*ssa.Store); ok && st.Addr == x {
					stored = st.Val
				}
			}
			if stored == nil {
				return false
			}
			v = stored
		default:
			return false
		}
	}
	return false
}

// stored returns the functions stored in the local variable cell.
func (a *lockAnalysis) stored(cell ssa.Value, depth int, seen map[*ssa.Function]bool) []funcValue {
	alloc, ok := cell.(*ssa.Alloc)
	if !ok {
		return nil
	}
	var out []funcValue
	for _, r := range Refs(alloc) {
		if st, ok := r.(*ssa.Store); ok && st.Addr == alloc {
			out = append(out, a.funcValues(st.Val, depth+1, seen)...)
		}
	}
	return out
}

// flow runs the dataflow of lf's function to its fixed point, then records
// its events and its summary.
func (a *lockAnalysis) flow(lf *lockFn) {
	fn := lf.fn
	in := make(map[*ssa.BasicBlock]*lockState, len(fn.Blocks))
	in[fn.Blocks[0]] = &lockState{}
	queue := []*ssa.BasicBlock{fn.Blocks[0]}
	queued := map[*ssa.BasicBlock]bool{fn.Blocks[0]: true}
	for steps := 0; len(queue) > 0 && steps < 50*len(fn.Blocks); steps++ {
		b := queue[0]
		queue = queue[1:]
		queued[b] = false
		st := in[b]
		for _, instr := range b.Instrs {
			st = a.step(lf, instr, st, false)
		}
		for _, s := range b.Succs {
			old := in[s]
			merged := meet(old, onEdge(b, s, st))
			if old != nil && sameState(old, merged) {
				continue
			}
			in[s] = merged
			if !queued[s] {
				queued[s] = true
				queue = append(queue, s)
			}
		}
	}
	lf.live = a.liveBlocks(fn)
	var rets []*lockState
	for _, b := range fn.Blocks {
		st := in[b]
		if st == nil {
			continue // unreachable
		}
		for _, instr := range b.Instrs {
			st = a.step(lf, instr, st, true)
			if _, ok := instr.(*ssa.Return); ok {
				rets = append(rets, st)
			}
		}
	}
	a.summary(lf, rets)
}

// liveBlocks returns the blocks of fn from which a return, or a loop, can
// be reached: the others only lead to a panic.
func (a *lockAnalysis) liveBlocks(fn *ssa.Function) map[*ssa.BasicBlock]bool {
	live := make(map[*ssa.BasicBlock]bool)
	var stack []*ssa.BasicBlock
	for _, b := range fn.Blocks {
		if len(b.Instrs) == 0 {
			continue
		}
		_, ret := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if ret || a.m.InLoop(b.Instrs[0]) {
			live[b] = true
			stack = append(stack, b)
		}
	}
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, p := range b.Preds {
			if !live[p] {
				live[p] = true
				stack = append(stack, p)
			}
		}
	}
	return live
}

// onEdge returns st as it holds on the edge from b to its successor s:
// on the branch of a test against nil where the value is nil, the value's
// path is among the nils.
func onEdge(b, s *ssa.BasicBlock, st *lockState) *lockState {
	iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok {
		return st
	}
	x, eql, ok := nilTest(iff.Cond)
	if !ok || nilBranch(b, eql) != s || b.Succs[0] == b.Succs[1] {
		return st
	}
	if _, ok := x.Type().Underlying().(*types.Pointer); !ok {
		return st
	}
	p := pathOf(x)
	if !p.exact() || slices.Contains(st.nils, p) {
		return st
	}
	out := st.clone()
	out.nils = append(out.nils, p)
	return out
}

// meet returns what holds on entry to a block reached from states old and
// st: the locks held on both, the callers' locks released on both, the
// deferred calls registered on either. A lock under a pointer one state
// knows is nil counts as the other state has it.
func meet(old, st *lockState) *lockState {
	if old == nil {
		return st.clone()
	}
	out := &lockState{defers: slices.Clone(old.defers)}
	out.held = meetHeld(old, st)
	out.released = meetReleased(old, st)
	for _, d := range st.defers {
		if !slices.Contains(out.defers, d) {
			out.defers = append(out.defers, d)
		}
	}
	for _, n := range old.nils {
		if slices.Contains(st.nils, n) {
			out.nils = append(out.nils, n)
		}
	}
	return out
}

// meetHeld returns the locks held on both x and y, or on one of them and
// vacuously on the other.
func meetHeld(x, y *lockState) []*heldLock {
	var out []*heldLock
	has := func(st *lockState, r lockRef) bool {
		return slices.ContainsFunc(st.held, func(h *heldLock) bool { return h.same(r) })
	}
	for _, h := range x.held {
		if has(y, h.lockRef) || y.vacuous(h.path) {
			out = append(out, h)
		}
	}
	for _, h := range y.held {
		if !has(x, h.lockRef) && x.vacuous(h.path) {
			out = append(out, h)
		}
	}
	return out
}

// meetReleased returns the callers' locks released on both x and y, or on
// one of them and vacuously on the other.
func meetReleased(x, y *lockState) []lockRef {
	var out []lockRef
	for _, r := range x.released {
		if slices.ContainsFunc(y.released, r.same) || y.vacuous(r.path) {
			out = append(out, r)
		}
	}
	for _, r := range y.released {
		if !slices.ContainsFunc(x.released, r.same) && x.vacuous(r.path) {
			out = append(out, r)
		}
	}
	return out
}

func sameState(x, y *lockState) bool {
	return len(x.held) == len(y.held) && len(x.released) == len(y.released) && len(x.defers) == len(y.defers) && len(x.nils) == len(y.nils)
}

// step applies instr to st; when rec is set, it records lf's events.
func (a *lockAnalysis) step(lf *lockFn, instr ssa.Instruction, st *lockState, rec bool) *lockState {
	if rec {
		defer func(n int) {
			if lf.live != nil && !lf.live[instr.Block()] {
				for _, ev := range lf.events[n:] {
					ev.doomed = true
				}
			}
		}(len(lf.events))
	}
	if rec && len(a.m.OpAt(instr)) > 0 {
		if lf.opState == nil {
			lf.opState = make(map[ssa.Instruction]*lockState)
		}
		lf.opState[instr] = st
	}
	switch x := instr.(type) {
	case *ssa.Defer:
		if !slices.Contains(st.defers, x) {
			st = st.clone()
			st.defers = append(st.defers, x)
		}
	case *ssa.RunDefers:
		ds := slices.Clone(st.defers)
		slices.SortFunc(ds, func(p, q *ssa.Defer) int { return cmp.Compare(q.Pos(), p.Pos()) })
		for _, d := range ds {
			if !Dominates(d, x) && a.partialDefer(d, st) {
				continue
			}
			st = a.call(lf, d, st, rec)
		}
	case *ssa.Go:
		if s := a.m.SpawnOf(x); s != nil && s.Body != nil && len(st.held) > 0 {
			fn := s.Body
			// A lock the goroutine unlocks is handed to it: the function
			// holds it no longer (lock, then go func() { …; mu.Unlock() }()).
			var handed []*heldLock
			for _, h := range st.held {
				if a.unlocksKey(fn, h.key, 0) {
					handed = append(handed, h)
				}
			}
			if len(handed) > 0 {
				st = st.clone()
				st.held = slices.DeleteFunc(st.held, func(h *heldLock) bool { return slices.Contains(handed, h) })
			}
		}
	case *ssa.Call:
		st = a.call(lf, x, st, rec)
	case *ssa.Send, *ssa.UnOp, *ssa.Select:
		if rec {
			if ops := a.blockingOps(instr); ops != nil {
				lf.events = append(lf.events, &lockEvent{kind: evBlock, instr: instr, st: st, ops: ops})
			}
		}
	}
	return st
}

// unlocksKey reports whether fn, or a function it calls in the package (to
// a small depth), unlocks a lock of key that it did not take: one its
// spawner handed it.
func (a *lockAnalysis) unlocksKey(fn *ssa.Function, key any, depth int) bool {
	if fn == nil || fn.Blocks == nil || depth > 2 {
		return false
	}
	unlocks := false
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			switch op, v := lockCall(call.Common()); op {
			case Lock, RLock:
				if a.refOf(v, lockWrite).key == key {
					return false // it takes the lock itself
				}
			case Unlock, RUnlock:
				unlocks = unlocks || a.refOf(v, lockWrite).key == key
			default:
				if callee := call.Common().StaticCallee(); callee != nil && callee.Pkg == fn.Pkg && a.unlocksKey(callee, key, depth+1) {
					unlocks = true
				}
			}
		}
	}
	return unlocks
}

// blockingOps returns the operations of instr that block until another
// goroutine acts: one, or the cases of a select with no default; or nil.
func (a *lockAnalysis) blockingOps(instr ssa.Instruction) []*Operation {
	ops := a.m.OpAt(instr)
	if sel, ok := instr.(*ssa.Select); ok {
		if !sel.Blocking || len(ops) != len(sel.States) || len(ops) == 0 {
			return nil
		}
		return ops
	}
	for _, op := range ops {
		if op.Blocking() && op.Callee == nil && op.Op != Lock && op.Op != RLock {
			return []*Operation{op}
		}
	}
	return nil
}

// lockCall returns the lock operation call makes, and the lock.
func lockCall(call *ssa.CallCommon) (Op, ssa.Value) {
	fn := Callee(call)
	if fn == nil || call.IsInvoke() || len(call.Args) == 0 {
		return 0, nil
	}
	recv := fn.Signature().Recv()
	if recv == nil {
		return 0, nil
	}
	switch objectKind(deref(recv.Type())) {
	case Mutex, RWMutex:
		switch fn.Name() {
		case "Lock":
			return Lock, call.Args[0]
		case "RLock":
			return RLock, call.Args[0]
		case "Unlock":
			return Unlock, call.Args[0]
		case "RUnlock":
			return RUnlock, call.Args[0]
		}
	}
	return 0, nil
}

// call applies a call (or a deferred call, as it runs) to st.
func (a *lockAnalysis) call(lf *lockFn, call ssa.CallInstruction, st *lockState, rec bool) *lockState {
	common := call.Common()
	if op, v := lockCall(common); op != 0 {
		switch op {
		case Lock, RLock:
			mode := lockWrite
			if op == RLock {
				mode = lockRead
			}
			r := a.refOf(v, mode)
			if rec {
				acq := &lockAcq{lockRef: r, op: call, cond: paramGuarded(call), modal: fieldGuarded(call)}
				lf.events = append(lf.events, &lockEvent{kind: evAcquire, instr: call, st: st, acq: acq})
				if mode == lockWrite {
					if _, ok := a.writers[r.key]; !ok {
						a.writers[r.key] = call
					}
				}
			}
			st = st.clone()
			st.held = append(st.held, &heldLock{lockRef: r, at: call, inner: call})
		case Unlock, RUnlock:
			mode := lockWrite
			if op == RUnlock {
				mode = lockRead
			}
			r := a.refOf(v, mode)
			st = release(st, r)
			if rec && !a.retaken(lf, call, r) {
				lf.addMayRel(r)
			}
		}
		return st
	}
	if p, ok := common.Value.(*ssa.Parameter); ok && rec {
		if _, ok := call.(*ssa.Call); ok {
			if lf.paramHeld == nil {
				lf.paramHeld = make(map[*ssa.Parameter][]*heldLock)
			}
			if old, seen := lf.paramHeld[p]; !seen {
				lf.paramHeld[p] = slices.Clone(st.held)
			} else {
				lf.paramHeld[p] = slices.DeleteFunc(old, func(h *heldLock) bool {
					return !slices.ContainsFunc(st.held, func(x *heldLock) bool { return x.same(h.lockRef) })
				})
			}
		}
	}
	if rec {
		if _, ok := call.(*ssa.Defer); !ok {
			if ops := a.blockingOps(call); ops != nil {
				lf.events = append(lf.events, &lockEvent{kind: evBlock, instr: call, st: st, ops: ops})
			}
		}
	}
	if isNoReturn(common) {
		return st
	}
	for _, c := range a.handedCallees(call) {
		_, rels := c.handoffs(a)
		for _, r := range rels {
			if r := a.substCallee(c, r); slices.ContainsFunc(st.held, func(h *heldLock) bool { return h.key == r.key }) {
				st = release(st, r)
			}
		}
	}
	cs := a.calleesOf(call)
	if len(cs) == 0 {
		return st
	}
	if rec {
		ev := &lockEvent{kind: evCall, instr: call, st: st, calls: cs}
		lf.events = append(lf.events, ev)
		for _, c := range cs {
			st := st
			if c.backOf != nil {
				// A callback runs with the locks its caller's callee holds
				// when it calls it back.
				for _, h := range c.backOf.lf.paramHeld[c.backParam] {
					if st == ev.st {
						st = st.clone()
					}
					st.held = append(st.held, &heldLock{lockRef: a.substCallee(c.backOf, h.lockRef), at: call, inner: h.inner})
				}
			}
			for _, acq := range c.acqs(a) {
				sub := &lockAcq{lockRef: a.substCallee(c, acq.lockRef), op: acq.op, via: append([]ssa.Instruction{call}, acq.via...), cond: acq.cond || acq.modal || paramGuarded(call), dispatched: acq.dispatched || c.uncertain}
				for _, r := range acq.released {
					sub.released = append(sub.released, a.substCallee(c, r))
				}
				if sub.op == nil {
					sub.op, sub.via = call, nil // another package's function takes it
				}
				if sub.mode == lockWrite {
					if _, ok := a.writers[sub.key]; !ok {
						a.writers[sub.key] = acq.op
					}
				}
				lf.events = append(lf.events, &lockEvent{kind: evAcquire, instr: call, st: st, acq: sub, from: c})
			}
			_, rels := c.handoffs(a)
			if c.lf != nil {
				rels = c.lf.mayRel
			}
			for _, r := range rels {
				if r := a.substCallee(c, r); !a.retaken(lf, call, r) {
					lf.addMayRel(r)
				}
			}
			if c.lf != nil && !c.dynamic {
				c.lf.sites = append(c.lf.sites, &lockSite{caller: lf, ev: ev, bind: c.bind})
			}
		}
	}
	if len(cs) != 1 || cs[0].param {
		return st // what several may do, none surely does
	}
	c := cs[0]
	rets, rels := c.handoffs(a)
	if len(rets) == 0 && len(rels) == 0 {
		return st
	}
	for _, r := range rels {
		st = release(st, a.substCallee(c, r))
	}
	st = st.clone()
	for _, h := range rets {
		inner := h.inner
		if inner == nil {
			inner = call
		}
		st.held = append(st.held, &heldLock{lockRef: a.substCallee(c, h.lockRef), at: call, inner: inner})
	}
	return st
}

func (lf *lockFn) addMayRel(r lockRef) {
	if len(lf.mayRel) < 32 && !slices.ContainsFunc(lf.mayRel, r.same) {
		lf.mayRel = append(lf.mayRel, r)
	}
}

// release releases lock r in st: the lock held that it is, or, when the
// function did not take it, one its callers hold.
func release(st *lockState, r lockRef) *lockState {
	i := slices.IndexFunc(st.held, func(h *heldLock) bool { return h.sameLock(r) && h.mode == r.mode })
	if i < 0 {
		i = slices.IndexFunc(st.held, func(h *heldLock) bool { return h.sameLock(r) })
	}
	if i < 0 && (!r.path.exact()) {
		// Reached through a computed value (a map lookup): the lock of
		// its kind taken last.
		for j := len(st.held) - 1; j >= 0; j-- {
			if h := st.held[j]; h.key == r.key && !h.path.exact() {
				i = j
				break
			}
		}
	}
	st = st.clone()
	if i >= 0 {
		st.held = slices.Delete(st.held, i, i+1)
		return st
	}
	if !slices.ContainsFunc(st.released, r.same) {
		st.released = append(st.released, r)
	}
	return st
}

// partialDefer reports whether deferred call d, registered on some ways
// to a return only, is left out where those ways meet. A Lock is: no
// other way takes it back (if !atomic { mu.Unlock(); defer mu.Lock() }).
// So is an Unlock of a lock not held on every way there: it releases what
// those ways took (if verbose { mu.Lock(); defer mu.Unlock() }), not the
// callers' lock. Both are judged the same when made through a function of
// the package or another that only does that (a mutex wrapper's Lock).
func (a *lockAnalysis) partialDefer(d *ssa.Defer, st *lockState) bool {
	notHeld := func(r lockRef) bool {
		return !slices.ContainsFunc(st.held, func(h *heldLock) bool { return h.sameLock(r) })
	}
	if op, v := lockCall(d.Common()); op != 0 {
		return op == Lock || op == RLock || notHeld(a.refOf(v, lockWrite))
	}
	cs := a.calleesOf(d)
	if len(cs) == 0 {
		return false
	}
	for _, c := range cs {
		held, rels := c.handoffs(a)
		acqs := c.acqs(a)
		switch {
		case len(acqs) > 0 && len(rels) == 0 && len(held) == len(acqs):
			// It takes locks and returns holding them: a Lock.
		case len(acqs) == 0 && len(held) == 0 && len(rels) > 0:
			for _, r := range rels {
				if !notHeld(a.substCallee(c, r)) {
					return false
				}
			}
		default:
			return false
		}
	}
	return true
}

// acqs returns the locks callee c may take, in its own terms.
func (c *lockCallee) acqs(a *lockAnalysis) []*lockAcq {
	if c.lf != nil {
		return c.lf.acqs
	}
	return a.factEffects(c, c.fact.Acquires)
}

// handoffs returns the locks callee c returns holding and those it
// releases for its caller, in its own terms.
func (c *lockCallee) handoffs(a *lockAnalysis) ([]*heldLock, []lockRef) {
	if c.lf != nil {
		return c.lf.retHeld, c.lf.released
	}
	var rets []*heldLock
	for _, acq := range a.factEffects(c, c.fact.Returns) {
		rets = append(rets, &heldLock{lockRef: acq.lockRef, inner: acq.op})
	}
	var rels []lockRef
	for _, acq := range a.factEffects(c, c.fact.Releases) {
		rels = append(rels, acq.lockRef)
	}
	return rets, rels
}

// isNoReturn reports whether call never returns: os.Exit, log.Fatal and
// the like.
func isNoReturn(call *ssa.CallCommon) bool {
	fn := Callee(call)
	if fn == nil {
		return false
	}
	switch {
	case IsFunc(fn, "os", "Exit"), IsFunc(fn, "runtime", "Goexit"),
		IsFunc(fn, "log", "Fatal"), IsFunc(fn, "log", "Fatalf"), IsFunc(fn, "log", "Fatalln"),
		IsFunc(fn, "log", "Panic"), IsFunc(fn, "log", "Panicf"), IsFunc(fn, "log", "Panicln"),
		IsFunc(fn, "log", "Logger.Fatal"), IsFunc(fn, "log", "Logger.Fatalf"), IsFunc(fn, "log", "Logger.Fatalln"):
		return true
	}
	return false
}

// GivesUp reports whether call ends its function's normal run: it never
// returns (os.Exit, log.Fatal, t.Fatal), or it marks a test failed or
// skipped (t.Errorf, assert.Fail). A function that returns after it has
// no way out that anything is owed on: a leak there is one symptom of a
// failure already reported.
func GivesUp(call *ssa.CallCommon) bool {
	if isNoReturn(call) {
		return true
	}
	fn := Callee(call)
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	switch fn.Pkg().Path() {
	case "testing":
		switch fn.Name() {
		case "Error", "Errorf", "Fail", "FailNow", "Fatal", "Fatalf", "Skip", "SkipNow", "Skipf":
			return fn.Signature().Recv() != nil
		}
	case "github.com/stretchr/testify/assert", "github.com/stretchr/testify/require":
		switch fn.Name() {
		case "Fail", "FailNow", "Failf", "FailNowf":
			return true
		}
	}
	return false
}

// PriceGiveUps prices Never, in f, the calls after which it gives up
// (see GivesUp), the cases of a select that cannot be ready (see unready;
// and a case nothing can release, see Stuck: nobody sends on the channel,
// or it is nil), and the ways of tests whose outcome is known (see
// findDeadEdges): ways no run takes to a return. When f's failure ends
// the process (see FailsFatally), so do its returns of a failure.
func (m *Model) PriceGiveUps(f *ssa.Function, costs *Costs) {
	m.priceNeverTaken(f, costs)
	fatal := m.FailsFatally(f)
	for _, b := range f.Blocks {
		for _, instr := range b.Instrs {
			switch x := instr.(type) {
			case *ssa.Return:
				if fatal && FailureReturn(x) {
					costs.AddInstr(x, Never)
				}
			case *ssa.Call:
				if GivesUp(&x.Call) {
					costs.AddInstr(x, Never)
				}
			case *ssa.Select:
				for i := range x.States {
					if e, ok := CaseEdge(x, i); ok && unready(x, i) {
						costs.AddEdge(e, Never)
					}
				}
			}
		}
	}
}

// priceNeverTaken prices Never, in f, the ways no run takes: the edges of
// tests whose outcome is known (see findDeadEdges), and the cases of a
// select whose operation nothing can release (see Stuck).
func (m *Model) priceNeverTaken(f *ssa.Function, costs *Costs) {
	for _, e := range m.deadEdges[f] {
		costs.AddEdge(e, Never)
	}
	if m.classes == nil {
		return
	}
	for _, op := range m.OpsIn(f) {
		if e, ok := m.closedBranch(op); ok {
			costs.AddEdge(e, Never)
		}
		if op.Select == nil || m.Stuck(op) == NotStuck {
			continue
		}
		if e, ok := CaseEdge(op.Select, op.Case); ok {
			costs.AddEdge(e, Never)
		}
	}
}

// closedBranch returns the branch a receive op takes when its channel is
// closed (v, ok := <-ch; if !ok { return }), when nothing can close the
// channel: no close in the package, none outside. A loop whose only way
// out is that branch then never ends, as a range over such a channel does.
func (m *Model) closedBranch(op *Operation) (Edge, bool) {
	c := op.Class
	if op.Op != Recv || c.Kind != Chan || c.Timer || c.DoneOf != nil || c.Outside.Has(Close) || m.hasOp(c, Close) || len(c.Creations) == 0 {
		return Edge{}, false
	}
	var ok ssa.Value // the receive's ok
	if op.Select != nil {
		if _, taken := CaseEdge(op.Select, op.Case); !taken || op.Select.States[op.Case].Dir != types.RecvOnly {
			return Edge{}, false
		}
		for _, r := range Refs(op.Select) {
			if x, isX := r.(*ssa.Extract); isX && x.Index == 1 && len(op.Select.States) == 1 {
				ok = x // one case: the select's recvOk is this receive's
			}
		}
	} else if recv, isRecv := op.Instr.(*ssa.UnOp); isRecv && recv.CommaOk && recv.Block().Comment != "rangechan.loop" {
		for _, r := range Refs(recv) {
			if x, isX := r.(*ssa.Extract); isX && x.Index == 1 {
				ok = x
			}
		}
	}
	if ok == nil {
		return Edge{}, false
	}
	for _, r := range Refs(ok) {
		switch x := r.(type) {
		case *ssa.If:
			return Edge{x.Block(), x.Block().Succs[1]}, true
		case *ssa.UnOp:
			if x.Op != token.NOT {
				continue
			}
			for _, rr := range Refs(x) {
				if y, isIf := rr.(*ssa.If); isIf {
					return Edge{y.Block(), y.Block().Succs[0]}, true
				}
			}
		}
	}
	return Edge{}, false
}

// unready reports whether case i of sel, a select with a default, cannot
// be taken: it receives from a timer made for it as the select evaluates
// its cases, time.After(d) with a positive constant d, which fires only
// after the select has moved on. A timer made earlier may have fired.
func unready(sel *ssa.Select, i int) bool {
	st := sel.States[i]
	if sel.Blocking || st.Dir != types.RecvOnly {
		return false
	}
	isAfter := func(v ssa.Value) (*ssa.Call, bool) {
		call, ok := v.(*ssa.Call)
		return call, ok && IsFunc(Callee(&call.Call), "time", "After")
	}
	call, ok := isAfter(st.Chan)
	if !ok || len(Refs(call)) != 1 || call.Block() != sel.Block() {
		return false
	}
	// Between the timer and the select, only the cases' operands: nothing
	// that can take time.
	b := sel.Block()
	for _, instr := range b.Instrs[slices.Index(b.Instrs, ssa.Instruction(call))+1 : slices.Index(b.Instrs, ssa.Instruction(sel))] {
		switch x := instr.(type) {
		case *ssa.Call:
			if _, ok := isAfter(x); !ok {
				return false
			}
		case ssa.CallInstruction, *ssa.Send, *ssa.Select:
			return false
		case *ssa.UnOp:
			if x.Op == token.ARROW {
				return false
			}
		}
	}
	d, ok := call.Call.Args[0].(*ssa.Const)
	return ok && d.Value != nil && d.Value.Kind() == constant.Int && constant.Sign(d.Value) > 0
}

// paramGuarded reports whether instr runs only when a condition on a
// boolean parameter of its function holds (if !locked { mu.Lock() }), or
// on a boolean its function literal captures (lock := func() { if
// needLock { mu.Lock() } }): callers that pass the other value never get
// there.
func paramGuarded(instr ssa.Instruction) bool { return guarded(instr, boolParam) }

// guarded reports whether instr runs only when a condition that on says
// is of interest holds (or does not).
func guarded(instr ssa.Instruction, on func(v ssa.Value, depth int) bool) bool {
	for cond := range knownAt(instr.Block()) {
		if on(cond, 0) {
			return true
		}
	}
	return false
}

// fieldGuarded reports whether instr runs only when a condition on a
// boolean field of a parameter of its function holds, a field of the
// receiver or of an options struct, by value or by pointer.
func fieldGuarded(instr ssa.Instruction) bool { return guarded(instr, boolField) }

func boolField(v ssa.Value, depth int) bool {
	if depth > 3 {
		return false
	}
	switch x := v.(type) {
	case *ssa.UnOp:
		if x.Op == token.MUL {
			if fa, ok := x.X.(*ssa.FieldAddr); ok {
				return isBool(x.Type()) && paramRooted(fa.X)
			}
		}
		return boolField(x.X, depth+1)
	case *ssa.Field:
		return isBool(x.Type()) && paramRooted(x.X)
	case *ssa.BinOp:
		return boolField(x.X, depth+1) || boolField(x.Y, depth+1)
	}
	return false
}

func isBool(t types.Type) bool { return types.Identical(t.Underlying(), types.Typ[types.Bool]) }

// paramRooted reports whether v is a parameter, a field of one, or the
// variable a parameter whose address is taken lives in.
func paramRooted(v ssa.Value) bool {
	for range 4 {
		switch x := v.(type) {
		case *ssa.Parameter:
			return true
		case *ssa.FieldAddr:
			v = x.X
		case *ssa.Field:
			v = x.X
		case *ssa.UnOp:
			if x.Op != token.MUL {
				return false
			}
			v = x.X
		case *ssa.Alloc:
			return slices.ContainsFunc(*x.Referrers(), func(r ssa.Instruction) bool {
				st, ok := r.(*ssa.Store)
				if !ok || st.Addr != x {
					return false
				}
				_, param := st.Val.(*ssa.Parameter)
				return param
			})
		default:
			return false
		}
	}
	return false
}

func boolParam(v ssa.Value, depth int) bool {
	if depth > 3 {
		return false
	}
	switch x := v.(type) {
	case *ssa.Parameter:
		return isBool(x.Type())
	case *ssa.FreeVar:
		return isBool(deref(x.Type()))
	case *ssa.UnOp:
		return boolParam(x.X, depth+1)
	case *ssa.BinOp:
		return boolParam(x.X, depth+1) || boolParam(x.Y, depth+1)
	case *ssa.Phi:
		for _, e := range x.Edges {
			if boolParam(e, depth+1) {
				return true
			}
		}
	}
	return false
}

// summary records what lf's function does to locks, from its events and
// the states at its returns.
func (a *lockAnalysis) summary(lf *lockFn, rets []*lockState) {
	for _, ev := range lf.events {
		if ev.kind != evAcquire || ev.doomed || ev.from != nil && ev.from.param {
			continue
		}
		if slices.ContainsFunc(ev.st.released, func(r lockRef) bool { return r.sameLock(ev.acq.lockRef) }) {
			continue // taken again after releasing the callers' lock
		}
		i := slices.IndexFunc(lf.acqs, func(x *lockAcq) bool { return x.same(ev.acq.lockRef) })
		if i < 0 && len(lf.acqs) < 64 || i >= 0 && lf.acqs[i].dispatched && !ev.acq.dispatched {
			acq := *ev.acq
			acq.released = append(slices.Clip(acq.released), ev.st.released...)
			if i < 0 {
				lf.acqs = append(lf.acqs, &acq)
			} else {
				lf.acqs[i] = &acq // taken for sure, not only by one of an interface's types
			}
		}
	}
	var all *lockState
	for _, st := range rets {
		all = meet(all, retaking(st))
	}
	if all != nil {
		lf.retHeld, lf.released = all.held, all.released
	}
}

// retaking returns st, a state at a return, without the callers' locks
// the function released and took back on the way (unlocked around a wait,
// or with a deferred Lock): for its callers, they are held as they were,
// not taken again.
func retaking(st *lockState) *lockState {
	var back []lockRef
	for _, r := range st.released {
		if slices.ContainsFunc(st.held, func(h *heldLock) bool { return h.lockRef.sameLock(r) }) {
			back = append(back, r)
		}
	}
	if len(back) == 0 {
		return st
	}
	out := st.clone()
	out.released = slices.DeleteFunc(out.released, func(r lockRef) bool { return slices.ContainsFunc(back, r.same) })
	out.held = slices.DeleteFunc(out.held, func(h *heldLock) bool {
		return slices.ContainsFunc(back, func(r lockRef) bool { return h.lockRef.sameLock(r) })
	})
	return out
}

// retaken reports whether every path of lf's function from instr, which
// releases r, takes r again before it returns: it unlocks r around a wait,
// and does not release it for its callers.
func (a *lockAnalysis) retaken(lf *lockFn, instr ssa.Instruction, r lockRef) bool {
	var costs Costs
	for _, b := range lf.fn.Blocks {
		for _, x := range b.Instrs {
			if call, ok := x.(*ssa.Call); ok {
				if op, v := lockCall(call.Common()); (op == Lock || op == RLock) && a.refOf(v, r.mode).sameLock(r) {
					costs.AddInstr(call, Never)
				}
			}
		}
	}
	return len(costs.Instrs) > 0 && CheapestReturn(instr, &costs) == nil
}
