package model

import (
	"cmp"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// A Class is a set of channels or sync objects that the package's code
// cannot tell apart: every value that may refer to one of them, wherever
// it flows in the package (variables, closures, parameters and results of
// the package's functions, struct fields, globals, channels of channels),
// with every operation made on them.
//
// Classes are what lets the model answer, for an operation that blocks,
// who can release it: a receive on a channel held in a struct field is
// released by a send or close on that field made anywhere in the package,
// by any method of the type. They are computed once per package by
// unification (Steensgaard's analysis), field-based: all values of one
// struct field, over every instance of the struct, are one class.
// Containers of channels and sync objects (slices, arrays, maps) are
// followed the same way, and the elements of one container, like the
// values one channel carries, are a class of their own: a slice a
// function fills with channels it made does not share them with the
// slices its callers hand in.
//
// Where a class meets code the package cannot see (an argument to a
// function of another package with no Summary fact, an interface, a
// parameter or result of an exported function, an exported field), that
// code may operate on its objects too: Outside says which operations it
// can make.
type Class struct {
	Kind Kind
	// Creations are the values that create the class's objects in this
	// package: make(chan), an allocation of a sync object, a call of a
	// function that creates one (sync.NewCond, time.After).
	Creations []ssa.Value
	// Ops are the operations made on the class's objects by the
	// package's code, in source order.
	Ops []*Operation
	// Fields and Globals are where the objects are kept.
	Fields  []*types.Var
	Globals []*ssa.Global
	// Outside is what code outside the package can do to the objects:
	// the operations it can make (Send, Recv, Close for a channel,
	// depending on the direction it gets; Done, Signal… for others).
	Outside OpSet
	// Direct is the part of Outside that outside code can do itself, not
	// only by calling the package's functions: it leaves out the
	// unexported fields of the package's types (see escapeFields), which
	// outside code reaches only through the package's methods, whose
	// operations are in Ops. Where Direct lacks an op, every operation of
	// that kind is among Ops, though outside code may make it happen
	// when and as often as it likes.
	Direct OpSet
	// OutsideAt is where the class first meets outside code, for messages.
	OutsideAt ssa.Instruction
	// OutsideFresh: the class meets outside code only as a result of
	// functions that make the channel afresh on every call and return it
	// (a promise: func Go(f) <-chan error). Each caller then holds a
	// channel of its own: outside code cannot release a channel the
	// package's own callers got.
	OutsideFresh bool
	// Timer reports whether the class holds the channel of a time.Timer or
	// time.Ticker (or time.After, time.Tick): the runtime sends on it, and
	// nobody closes it.
	Timer bool
	// Unreached are the operations on the class's objects that no run
	// reaches (see dropUnreached), taken out of Ops.
	Unreached []*Operation

	// For contexts: Parents are the contexts they derive from, whose
	// cancellation cancels them; Cancels the classes of the CancelFuncs
	// that cancel them. Never is set for contexts that nothing cancels
	// on their own (Background, TODO, WithoutCancel); Timed for those
	// with a deadline; Foreign for those that come from code the package
	// cannot see (a parameter of an exported function, a result of
	// another package's function): their cancellation is theirs.
	Parents, Cancels []*Class
	Never, Timed     bool
	Foreign          bool
	// For the channel of ctx.Done(): the context it is closed with.
	DoneOf *Class
}

// An OpSet is a set of Ops.
type OpSet uint32

// Has reports whether op is in s.
func (s OpSet) Has(op Op) bool { return s&(1<<op) != 0 }

func opSet(ops ...Op) OpSet {
	var s OpSet
	for _, op := range ops {
		s |= 1 << op
	}
	return s
}

// allOps is what code that gets an object with no restriction can do.
const allOps = ^OpSet(0)

// An Operation is one operation on the objects of a class, made by the
// package's code.
type Operation struct {
	Op    Op
	Instr ssa.Instruction
	Class *Class
	// Select is the select statement the operation is a case of, if any;
	// Case is its index there.
	Select *ssa.Select
	Case   int
	// Alone is set for the one case of a select with no default whose
	// other cases can never proceed (see findLoneCases): the select waits
	// on it alone.
	Alone bool
	// Callee is set when the operation is made by a function of another
	// package, known through its Summary fact.
	Callee *types.Func
}

// Fn returns the function the operation is made in.
func (o *Operation) Fn() *ssa.Function { return o.Instr.Parent() }

// Pos returns the position of the operation: of its select case, or of
// its instruction.
func (o *Operation) Pos() token.Pos {
	if o.Select != nil && o.Case < len(o.Select.States) && o.Select.States[o.Case].Pos.IsValid() {
		return o.Select.States[o.Case].Pos
	}
	return o.Instr.Pos()
}

// Blocking reports whether the operation can block until another
// goroutine acts: a send, receive, range or Wait outside a select, or the
// only case of a select with no default that can proceed (Alone).
func (o *Operation) Blocking() bool {
	switch o.Op {
	case Send, Recv, Range, Wait, Lock, RLock:
		return o.Select == nil || o.Select.Blocking && (len(o.Select.States) == 1 || o.Alone)
	}
	return false
}

// ClassOf returns the class of objects v may refer to, or nil if v is not
// a channel or a reference to a sync object.
func (m *Model) ClassOf(v ssa.Value) *Class {
	if n := m.classes.nodes[v]; n != nil {
		return n.find().class
	}
	return nil
}

// Classes returns every class of the package, in the order of their first
// value.
func (m *Model) Classes() []*Class { return m.classes.list }

// OpsIn returns the operations made in fn itself.
func (m *Model) OpsIn(fn *ssa.Function) []*Operation { return m.classes.opsIn[fn] }

// OpAt returns the operations made by instr (several for a select).
func (m *Model) OpAt(instr ssa.Instruction) []*Operation { return m.classes.opsAt[instr] }

// Releases reports whether operation r can release a goroutine blocked in
// operation b on the same class: the matching operation of a channel, a
// close, a Done, a Signal or Broadcast, an Unlock.
func Releases(r, b *Operation) bool {
	return releasers(b).Has(r.Op)
}

// releasers returns the operations that can release b.
func releasers(b *Operation) OpSet {
	switch b.Op {
	case Send:
		return opSet(Recv, Range)
	case Recv:
		return opSet(Send, Close)
	case Range:
		return opSet(Close) // only a close ends a range loop
	case Wait:
		switch b.Class.Kind {
		case WaitGroup:
			return opSet(Done, Go)
		case Cond:
			return opSet(Signal, Broadcast)
		}
	case Lock:
		return opSet(Unlock, RUnlock)
	case RLock:
		return opSet(Unlock)
	}
	return 0
}

// Partners returns the operations of the package that can release b, and
// whether code outside the package can. A receive from a context's Done
// channel is released by the calls of its cancel functions, or of its
// parents'.
func (m *Model) Partners(b *Operation) (ops []*Operation, outside bool) {
	want := releasers(b)
	if b.Op == Recv && b.Class.Timer {
		return nil, true // the runtime sends
	}
	if ctx := b.Class.DoneOf; ctx != nil && (b.Op == Recv || b.Op == Range) {
		ops, outside = m.Cancellers(ctx)
	}
	for _, o := range b.Class.Ops {
		if want.Has(o.Op) {
			ops = append(ops, o)
		}
	}
	return ops, outside || b.Class.Outside&want != 0
}

// ClosedFirst returns the close of b's channel that its own function
// makes before b on every way to it, or nil: a receive or range there
// does not wait for anyone (close(p.conns); for c := range p.conns).
func (m *Model) ClosedFirst(b *Operation) *Operation {
	if b.Op != Recv && b.Op != Range {
		return nil
	}
	for _, o := range b.Class.Ops {
		if o.Op == Close && o.Fn() == b.Fn() && o.Callee == nil && Dominates(o.Instr, b.Instr) &&
			chanOperand(b.Instr) != nil && sameAddress(chanOperand(o.Instr), chanOperand(b.Instr)) {
			return o
		}
	}
	return nil
}

// opChan returns the channel operation o is made on: the channel it
// sends on, receives from (in a select case too) or closes.
func opChan(o *Operation) ssa.Value {
	if o.Select != nil {
		return o.Select.States[o.Case].Chan
	}
	if s, ok := o.Instr.(*ssa.Send); ok {
		return s.Chan
	}
	return chanOperand(o.Instr)
}

// chanOperand returns the channel instr receives from or closes.
func chanOperand(instr ssa.Instruction) ssa.Value {
	switch x := instr.(type) {
	case *ssa.UnOp:
		if x.Op == token.ARROW {
			return x.X
		}
	case *ssa.Call:
		if isBuiltin(x, "close") {
			return x.Call.Args[0]
		}
	}
	return nil
}

// Cancellers returns the calls of cancel functions that cancel the
// contexts of class ctx, its own or its parents', and whether something
// the package does not see can (a parent from outside, a deadline, a
// cancel function that escapes).
func (m *Model) Cancellers(ctx *Class) (ops []*Operation, outside bool) {
	return m.cancellers(ctx, false)
}

// cancellers is Cancellers; with owned, a parent kept in a struct field
// (its owner's context, which outlives what derives from it) does not
// count as cancelling.
func (m *Model) cancellers(ctx *Class, owned bool) (ops []*Operation, outside bool) {
	seen := map[*Class]bool{ctx: true}
	queue := []*Class{ctx}
	for len(queue) > 0 {
		x := queue[0]
		queue = queue[1:]
		if owned && x != ctx && len(x.Fields) > 0 {
			continue
		}
		if x.Foreign || x.Timed || len(x.Creations) == 0 && !x.Never {
			outside = true
		}
		for _, f := range x.Cancels {
			if f.Outside.Has(Cancel) {
				outside = true
			}
			for _, o := range f.Ops {
				if o.Op == Cancel {
					ops = append(ops, o)
				}
			}
		}
		for _, p := range x.Parents {
			if !seen[p] {
				seen[p] = true
				queue = append(queue, p)
			}
		}
	}
	return ops, outside
}

// A node is a set of values in the union-find of the class analysis.
type node struct {
	parent *node
	rank   int
	class  *Class // on roots, once the analysis is done
	// elem, on roots, holds what the values of the node hold: the
	// elements of a container (a slice, array or map of channels or sync
	// objects), the values a channel carries. Two containers whose
	// classes are one share their elements; others do not.
	elem *node
}

func (n *node) find() *node {
	for n.parent != nil {
		if n.parent.parent != nil {
			n.parent = n.parent.parent
		}
		n = n.parent
	}
	return n
}

// Keys of nodes that are not SSA values.
type (
	fieldKey  struct{ f *types.Var }
	resultKey struct {
		fn *ssa.Function
		i  int
	}
	elemKey struct{ t string } // the elements of containers of this type the model does not follow
)

// classes is the result of the class analysis.
type classes struct {
	nodes map[any]*node
	list  []*Class
	opsIn map[*ssa.Function][]*Operation
	opsAt map[ssa.Instruction][]*Operation
}

// rawOp is an operation found while the classes are still being unified.
type rawOp struct {
	op     Op
	instr  ssa.Instruction
	v      ssa.Value
	sel    *ssa.Select
	i      int
	callee *types.Func
}

// classBuilder computes the classes of a package.
type classBuilder struct {
	m     *Model
	nodes map[any]*node
	order []*node // nodes in the order they were made
	ops   []rawOp
	// Per node, accumulated during the walk and merged into the root's
	// class at the end.
	creations map[*node][]ssa.Value
	fields    map[*node][]*types.Var
	globals   map[*node][]*ssa.Global
	outside   map[*node]OpSet
	outsideAt map[*node]ssa.Instruction
	viaAPI    map[*node]OpSet // what outside code can do only through the package's functions
	fresh     map[*node]OpSet // outside ops on channels returned afresh
	timers    map[*node]bool
	kinds     map[*node]Kind
	foreign   map[*node]bool
	never     map[*node]bool
	timed     map[*node]bool
	parents   [][2]*node // child, parent context
	cancels   [][2]*node // context, its cancel function
	dones     [][2]*node // the channel of Done, its context
	// externalParams marks functions whose parameters can come from
	// anywhere: callers outside the package or dynamic calls.
	external map[*ssa.Function]bool
	// impls maps a method name to the package's concrete methods of that
	// name, for interface calls.
	impls map[string][]*ssa.Function
	// handed are the channels handed to outside code that it may close
	// (see escapeArg); fns are the functions walked, and sites their
	// static call sites, built on demand (see callSites).
	handed []chanHandoff
	fns    []*ssa.Function
	sites  map[*ssa.Function][]ssa.Instruction
}

func (m *Model) findClasses(fns []*ssa.Function) {
	b := &classBuilder{
		m:         m,
		nodes:     make(map[any]*node),
		creations: make(map[*node][]ssa.Value),
		fields:    make(map[*node][]*types.Var),
		globals:   make(map[*node][]*ssa.Global),
		outside:   make(map[*node]OpSet),
		outsideAt: make(map[*node]ssa.Instruction),
		viaAPI:    make(map[*node]OpSet),
		fresh:     make(map[*node]OpSet),
		timers:    make(map[*node]bool),
		kinds:     make(map[*node]Kind),
		foreign:   make(map[*node]bool),
		never:     make(map[*node]bool),
		timed:     make(map[*node]bool),
		impls:     make(map[string][]*ssa.Function),
	}
	b.external = m.entries
	b.fns = fns
	for _, fn := range fns {
		if fn.Signature.Recv() != nil && fn.Parent() == nil {
			b.impls[fn.Name()] = append(b.impls[fn.Name()], fn)
		}
	}
	for _, fn := range fns {
		b.function(fn)
	}
	m.classes = b.finish()
}

// node returns the node of key k, making it if needed.
func (b *classBuilder) node(k any) *node {
	n := b.nodes[k]
	if n == nil {
		n = &node{}
		b.nodes[k] = n
		b.order = append(b.order, n)
	}
	return n
}

func (b *classBuilder) union(x, y *node) {
	x, y = x.find(), y.find()
	if x == y {
		return
	}
	if x.rank < y.rank {
		x, y = y, x
	}
	y.parent = x
	if x.rank == y.rank {
		x.rank++
	}
	switch {
	case x.elem == nil:
		x.elem = y.elem
	case y.elem != nil:
		b.union(x.elem, y.elem)
	}
}

// elem returns the node of what container or channel cont holds (see
// node.elem); for a container the model does not follow, the node of
// every element of its type.
func (b *classBuilder) elem(cont ssa.Value, elemType types.Type) *node {
	n := b.ref(cont)
	if n == nil {
		return b.node(elemKey{types.TypeString(elemType, nil)})
	}
	r := n.find()
	if r.elem == nil {
		r.elem = &node{}
		b.order = append(b.order, r.elem)
	}
	return r.elem
}

// flowElem unifies v, if it is a reference, with what cont holds.
func (b *classBuilder) flowElem(v, cont ssa.Value) {
	if n := b.ref(v); n != nil {
		b.union(n, b.elem(cont, v.Type()))
	}
}

// at returns the node of key k, or k itself if it is a node (see loc).
func (b *classBuilder) at(k any) *node {
	if n, ok := k.(*node); ok {
		return n
	}
	return b.node(k)
}

// ref returns the node of v if v is a reference to an object (a channel,
// a pointer to a sync object) or a container of them, or nil.
func (b *classBuilder) ref(v ssa.Value) *node {
	if v == nil || !tracks(v.Type()) {
		return nil
	}
	n := b.node(v)
	if k := refKind(v.Type()); b.kinds[n] == 0 {
		b.kinds[n] = k
	}
	switch v := v.(type) {
	case *ssa.Global: // var mu sync.Mutex
		b.global(v)
	}
	return n
}

// flow unifies the classes of two values, if they are references.
func (b *classBuilder) flow(x, y ssa.Value) {
	if nx, ny := b.ref(x), b.ref(y); nx != nil && ny != nil {
		b.union(nx, ny)
	}
}

// flowTo unifies v with the node of key k, if v is a reference.
func (b *classBuilder) flowTo(v ssa.Value, k any) {
	if n := b.ref(v); n != nil {
		b.union(n, b.at(k))
	}
}

// escape records that outside code gets v, and can make ops on it. A
// context that escapes can be used, not cancelled; one that comes from
// outside (see foreignCtx) can be cancelled there.
func (b *classBuilder) escape(v ssa.Value, ops OpSet, at ssa.Instruction) {
	if n := b.ref(v); n != nil {
		if b.kinds[n] == Context {
			return
		}
		b.outside[n] |= ops
		if b.outsideAt[n] == nil {
			b.outsideAt[n] = at
		}
	}
}

// foreignCtx marks v, if it is a context, as one from code the package
// cannot see.
func (b *classBuilder) foreignCtx(v ssa.Value) {
	if n := b.ref(v); n != nil && b.kinds[n] == Context {
		b.foreign[n] = true
	}
}

// escapeAll records that outside code gets v with no restriction beyond
// its type's: a receive-only channel can only be received from. A struct
// (or pointer to one) that escapes takes the channels and sync objects in
// its fields with it.
func (b *classBuilder) escapeAll(v ssa.Value, at ssa.Instruction) {
	if b.ref(v) != nil {
		b.escape(v, dirOps(v.Type()), at)
		return
	}
	b.escapeFields(v.Type(), at, 0)
}

// escapeFields records that outside code can reach the reference fields
// of values of type t, and of the structs they hold, to a small depth.
// Outside code cannot touch an unexported field of the package's types
// itself, only through the package's functions, whose operations on it
// the class has already (and what they return or hand out escapes where
// they do). Such a field is not among them when it holds an object of
// the package's own (a pointer to one of its structs, managed through
// its methods), or when its type has no methods: a record (a request
// carrying a reply channel) that outside code can hold, in an interface
// say, but do nothing with. The unexported fields of a type with methods
// count as reached, but not directly (Class.Direct): outside code drives
// the protocol they serve, calling those methods when and as often as it
// likes, which the model does not count (the opener channel of
// database/sql's DB, buffered for the connections its methods may ask
// for), or the package calls them through interfaces, which the model
// does not follow; yet every operation on them is among the class's.
func (b *classBuilder) escapeFields(t types.Type, at ssa.Instruction, depth int) {
	st, ok := deref(t).Underlying().(*types.Struct)
	if !ok || depth > 2 {
		return
	}
	record := b.m.record(t)
	for i := range st.NumFields() {
		f := st.Field(i)
		hidden := !f.Exported() && f.Pkg() == b.m.Pass.Pkg
		if hidden && (record || ownObject(f.Type(), b.m.Pass.Pkg)) {
			continue
		}
		if tracks(f.Type()) || objectKind(f.Type()) != 0 {
			n := b.node(b.field(t, i))
			if hidden {
				b.viaAPI[n] |= dirOps(f.Type())
			} else {
				b.outside[n] |= dirOps(f.Type())
			}
			if b.outsideAt[n] == nil {
				b.outsideAt[n] = at
			}
		} else {
			b.escapeFields(f.Type(), at, depth+1)
		}
	}
}

// record reports whether t, or what it points to, is a named struct type
// of the package with no methods: outside code can hold its values but
// not act on their unexported fields, and the package's own code acts on
// them where the model sees it, not through an interface's methods.
func (m *Model) record(t types.Type) bool {
	named, ok := types.Unalias(deref(t)).(*types.Named)
	if !ok || named.Obj().Pkg() != m.Pass.Pkg {
		return false
	}
	if _, ok := named.Underlying().(*types.Struct); !ok {
		return false
	}
	return m.methods.MethodSet(types.NewPointer(named)).Len() == 0
}

// ownObject reports whether t is a pointer to a struct type of package
// pkg: an object of the package's own, managed through its methods.
func ownObject(t types.Type, pkg *types.Package) bool {
	p, ok := t.Underlying().(*types.Pointer)
	if !ok {
		return false
	}
	named, ok := types.Unalias(p.Elem()).(*types.Named)
	if !ok || named.Obj().Pkg() != pkg {
		return false
	}
	_, ok = named.Underlying().(*types.Struct)
	return ok
}

// dirOps returns what code holding a value of type t can do to its object.
func dirOps(t types.Type) OpSet {
	if ch, ok := t.Underlying().(*types.Chan); ok {
		switch ch.Dir() {
		case types.RecvOnly:
			return opSet(Recv, Range, Len)
		case types.SendOnly:
			return opSet(Send, Close, Len)
		}
	}
	return allOps
}

// loc returns the key of the node that holds what addr points to, for an
// address of a reference: a variable, a struct field, a global, a
// container element. Values of one field, of every instance, share a
// node.
func (b *classBuilder) loc(addr ssa.Value) any {
	switch a := addr.(type) {
	case *ssa.FieldAddr:
		return b.field(a.X.Type(), a.Field)
	case *ssa.IndexAddr:
		return b.elem(a.X, deref(addr.Type()))
	case *ssa.Global:
		b.global(a)
	}
	// A local variable (an Alloc, or the FreeVar of a closure that
	// captures one, unified with it), a global, or an address from
	// elsewhere: the value holding the address is the key.
	return addr
}

// tracked reports whether the model follows what is stored through addr:
// a field, an element, a global, or a variable (a closure's free variable
// is one of its maker's).
func tracked(addr ssa.Value) bool {
	switch addr.(type) {
	case *ssa.FieldAddr, *ssa.IndexAddr, *ssa.Global, *ssa.Alloc, *ssa.FreeVar:
		return true
	}
	return false
}

// field returns the key of field i of the struct type t (or *t).
func (b *classBuilder) field(t types.Type, i int) any {
	st, ok := deref(t).Underlying().(*types.Struct)
	if !ok {
		return nil
	}
	f := st.Field(i).Origin() // one field for every instance of a generic type
	k := fieldKey{f}
	if _, seen := b.nodes[k]; !seen {
		n := b.node(k)
		b.fields[n] = append(b.fields[n], f)
		switch {
		case f.Pkg() != nil && f.Pkg().Path() == "time" && f.Name() == "C":
			b.timers[n] = true // time.Timer.C, time.Ticker.C
		case f.Pkg() != b.m.Pass.Pkg:
			// Another package's field: the channels in it are that
			// package's, made with every right, whatever direction the
			// field lets its readers use (a handle's Done <-chan error that
			// the package's goroutine sends on and closes).
			if tracks(f.Type()) || objectKind(f.Type()) != 0 {
				b.outside[n] |= allOps
			}
			if refKind(f.Type()) == Context {
				b.foreign[n] = true // its contexts' cancellation is theirs
			}
		case f.Exported() && !b.m.hiddenType(t):
			// One other packages read: they get what the package stores,
			// as its type lets them use it. One the package never stores
			// into holds what they store (an option's GracefulStop
			// <-chan struct{}, which the caller closes), with every right.
			if tracks(f.Type()) || objectKind(f.Type()) != 0 {
				if vals, _ := b.m.FieldStores(f); len(vals) == 0 {
					b.outside[n] |= allOps
				} else {
					b.outside[n] |= dirOps(f.Type())
				}
			}
			if refKind(f.Type()) == Context {
				b.foreign[n] = true // they may set it (caddy.Context's)
			}
		}
	}
	return k
}

func (b *classBuilder) global(g *ssa.Global) {
	n := b.node(g)
	if len(b.globals[n]) == 0 {
		b.globals[n] = append(b.globals[n], g)
		if g.Object() != nil && g.Object().Exported() {
			b.outside[n] |= dirOps(deref(g.Type()))
		}
	}
}

// function walks the instructions of fn.
func (b *classBuilder) function(fn *ssa.Function) {
	external := b.external[fn]
	if external || handedOn(b.m.closures[fn]) {
		for i, p := range fn.Params {
			if i == 0 && b.m.recvSeen[fn] {
				continue // a method value's receiver is bound where the package takes it
			}
			b.escape(p, allOps, nil) // the caller keeps its own reference
			b.foreignCtx(p)
		}
	}
	for i, fv := range fn.FreeVars {
		if !holdsRef(fv.Type()) {
			continue
		}
		if mc := b.m.closures[fn]; mc != nil {
			b.union(b.node(fv), b.node(mc.Bindings[i]))
		} else {
			b.escape(fv, allOps, nil)
		}
	}
	for _, blk := range fn.Blocks {
		for _, instr := range blk.Instrs {
			b.instr(fn, instr, external)
		}
	}
}

func (b *classBuilder) instr(fn *ssa.Function, instr ssa.Instruction, external bool) {
	b.addressesEscape(instr)
	switch x := instr.(type) {
	case *ssa.MakeChan:
		if n := b.ref(x); n != nil { // not of a type parameter (see opRef)
			b.creations[n] = append(b.creations[n], x)
		}
	case *ssa.Alloc:
		if objectKind(deref(x.Type())) != 0 {
			n := b.ref(x)
			b.creations[n] = append(b.creations[n], x)
		}
	case *ssa.FieldAddr:
		if b.ref(x) != nil { // a sync object kept by value in a field
			if k := b.field(x.X.Type(), x.Field); k != nil {
				b.flowTo(x, k)
			}
		}
	case *ssa.Field:
		if k := b.field(x.X.Type(), x.Field); k != nil {
			b.flowTo(x, k)
		}
	case *ssa.IndexAddr:
		if b.ref(x) != nil { // &wgs[i]
			b.union(b.ref(x), b.elem(x.X, deref(x.Type())))
		}
	case *ssa.Index:
		b.flowElem(x, x.X)
	case *ssa.Lookup:
		if !x.CommaOk {
			b.flowElem(x, x.X)
		}
	case *ssa.MapUpdate:
		b.flowElem(x.Key, x.Map) // a range gives the keys back
		b.flowElem(x.Value, x.Map)
	case *ssa.Slice:
		b.flow(x, x.X)
	case *ssa.SliceToArrayPointer:
		b.flow(x, x.X)
	case *ssa.Convert:
		b.unsafeConvert(x)
	case *ssa.MakeClosure:
		b.boundRelease(x)
	case *ssa.UnOp:
		switch x.Op {
		case token.MUL:
			if k := b.loc(x.X); k != nil {
				b.flowTo(x, k)
			}
			if !tracked(x.X) {
				// Through a pointer that comes from a call, a parameter or
				// a φ (return &ch), the model does not follow what was
				// stored: the value may come from anywhere.
				b.escape(x, allOps, x)
			}
		case token.ARROW:
			b.op(Recv, x, x.X)
			if x.CommaOk && x.Block().Comment == "rangechan.loop" {
				b.ops[len(b.ops)-1].op = Range
			}
			if !x.CommaOk {
				b.flowElem(x, x.X)
			}
		}
	case *ssa.Store:
		if k := b.loc(x.Addr); k != nil {
			b.flowTo(x.Val, k)
		}
	case *ssa.Phi:
		for _, e := range x.Edges {
			b.flow(x, e)
		}
	case *ssa.ChangeType:
		if refKind(x.X.Type()) != 0 && refKind(x.Type()) == 0 {
			b.escape(x.X, allOps, x) // a CancelFunc turned into a plain func()
		}
		b.flow(x, x.X)
	case *ssa.MakeInterface:
		b.escapeAll(x.X, x)
	case *ssa.TypeAssert:
		if !x.CommaOk {
			b.escape(x, allOps, x) // from an interface: anything
		}
	case *ssa.Extract:
		b.extract(x)
	case *ssa.Send:
		b.op(Send, x, x.Chan)
		b.flowElem(x.X, x.Chan)
	case *ssa.Select:
		for i, st := range x.States {
			op := Recv
			if st.Dir == types.SendOnly {
				op = Send
				b.flowElem(st.Send, st.Chan)
			}
			b.opRef(st.Chan, x)
			b.ops = append(b.ops, rawOp{op: op, instr: x, v: st.Chan, sel: x, i: i})
		}
	case *ssa.Return:
		for i, r := range x.Results {
			if n := b.ref(r); n != nil {
				b.union(n, b.node(resultKey{fn, i}))
				switch {
				case external && madeHere(r):
					b.fresh[n] |= dirOps(r.Type())
					if b.outsideAt[n] == nil {
						b.outsideAt[n] = x
					}
				case external:
					b.escapeAll(r, x)
				}
			}
		}
	case ssa.CallInstruction:
		b.call(x)
	}
}

// boundRelease follows a method value: one that releases waiters
// (wg.Done, cond.Broadcast) — the package follows the calls of the
// closures it writes, not of method values it hands on (UpdateConfig(cfg,
// wg.Done)), so whoever gets one may make the operation, as outside code
// can — and one of the package's own methods, whose receiver is the
// bound value.
func (b *classBuilder) boundRelease(mc *ssa.MakeClosure) {
	m := BoundMethod(mc.Fn)
	if m == nil || len(mc.Bindings) != 1 {
		return
	}
	switch op := syncOp(m); op {
	case Done, Signal, Broadcast:
		b.escape(mc.Bindings[0], opSet(op), mc)
	}
	// A method of the package, taken as a value (release := held.release),
	// does what its body does with its receiver, whoever calls it.
	if method := bodyOf(b.m.ssaPkg().Prog.FuncValue(m)); method != nil && method.Pkg == b.m.ssaPkg() && len(method.Params) > 0 {
		b.flow(mc.Bindings[0], method.Params[0])
	}
}

// unsafeConvert gives up on an address converted to or from an
// unsafe.Pointer: what is stored through it may be loaded anywhere, and
// what is loaded through it may come from anywhere.
func (b *classBuilder) unsafeConvert(x *ssa.Convert) {
	p := x.X
	if isUnsafePointer(p.Type()) {
		p = x
	} else if !isUnsafePointer(x.Type()) {
		return
	}
	if b.ref(p) != nil { // *sync.Mutex and the like
		b.escape(p, allOps, x)
		return
	}
	if pt, ok := p.Type().Underlying().(*types.Pointer); ok && refKind(pt.Elem()) == 0 {
		b.escapeFields(pt.Elem(), x, 0)
		return
	}
	b.escapePointee(p, x)
}

// addressesEscape gives up on the channels whose variables' addresses
// (a *chan T) instr hands on: returns, passes, stores, sends or merges.
// The model follows what is stored and loaded through a variable, field or
// element, not through an address that travels.
func (b *classBuilder) addressesEscape(instr ssa.Instruction) {
	switch x := instr.(type) {
	case *ssa.UnOp, *ssa.FieldAddr, *ssa.IndexAddr, *ssa.DebugRef:
		return // uses of the address where it is
	case *ssa.MakeClosure:
		return // a captured variable: the closure's free variable is it
	case *ssa.Store:
		b.escapePointee(x.Val, instr)
		return
	}
	var buf [8]*ssa.Value // most instructions have fewer operands: no allocation
	for _, op := range instr.Operands(buf[:0]) {
		if *op != nil {
			b.escapePointee(*op, instr)
		}
	}
}

// escapePointee records that outside code can reach the channel p, a
// *chan T, points to.
func (b *classBuilder) escapePointee(p ssa.Value, at ssa.Instruction) {
	pt, ok := p.Type().Underlying().(*types.Pointer)
	if !ok || refKind(p.Type()) != 0 || refKind(pt.Elem()) != Chan {
		return
	}
	k := b.loc(p)
	if k == nil {
		return
	}
	n := b.at(k)
	if b.kinds[n] == 0 {
		b.kinds[n] = Chan
	}
	b.outside[n] |= allOps
	if b.outsideAt[n] == nil {
		b.outsideAt[n] = at
	}
}

func isUnsafePointer(t types.Type) bool {
	basic, ok := t.Underlying().(*types.Basic)
	return ok && basic.Kind() == types.UnsafePointer
}

// extract follows the results of calls, receives and selects.
func (b *classBuilder) extract(x *ssa.Extract) {
	if b.ref(x) == nil {
		return
	}
	switch t := x.Tuple.(type) {
	case *ssa.Call:
		if callee := bodyOf(t.Call.StaticCallee()); callee != nil && callee.Pkg == b.m.ssaPkg() {
			if tracks(callee.Signature.Results().At(x.Index).Type()) {
				b.flowTo(x, resultKey{callee, x.Index})
			} else {
				b.escape(x, allOps, x) // through a type parameter: from anywhere (see call)
			}
			return
		}
		if b.withCancel(x, t) {
			return
		}
		b.fromOutside(x, &t.Call)
	case *ssa.UnOp: // v, ok := <-ch
		if x.Index == 0 {
			b.flowElem(x, t.X)
		}
	case *ssa.Select: // the value of the i-th receive case is result i+2
		recvs := 0
		for _, st := range t.States {
			if st.Dir == types.RecvOnly {
				if recvs == x.Index-2 {
					b.flowElem(x, st.Chan)
				}
				recvs++
			}
		}
	case *ssa.Lookup: // v, ok := m[k]
		if x.Index == 0 {
			b.flowElem(x, t.X)
		}
	case *ssa.Next: // k, v of a range over a map
		if r, ok := t.Iter.(*ssa.Range); ok {
			b.flowElem(x, r.X)
		} else {
			b.flowTo(x, elemKey{types.TypeString(x.Type(), nil)})
		}
	case *ssa.TypeAssert:
		b.escape(x, allOps, t)
	default:
		b.escape(x, allOps, x)
	}
}

// fromOutside records v, a result of a call of code outside the package.
func (b *classBuilder) fromOutside(v ssa.Value, call *ssa.CallCommon) {
	fn := Callee(call)
	switch {
	case IsFunc(fn, "time", "After"), IsFunc(fn, "time", "Tick"):
		n := b.ref(v)
		b.timers[n] = true
		b.creations[n] = append(b.creations[n], v)
	case IsFunc(fn, "sync", "NewCond"):
		n := b.ref(v)
		b.creations[n] = append(b.creations[n], v)
	case fn != nil && fn.Name() == "Done" && call.IsInvoke() && IsContext(call.Value.Type()):
		// Closed when the context is cancelled.
		if ctx := b.ref(call.Value); ctx != nil {
			b.dones = append(b.dones, [2]*node{b.ref(v), ctx})
		} else {
			b.escape(v, opSet(Close), v.(ssa.Instruction))
		}
	case IsFunc(fn, "context", "Background"), IsFunc(fn, "context", "TODO"), IsFunc(fn, "context", "WithoutCancel"):
		n := b.ref(v)
		b.never[n] = true
		b.creations[n] = append(b.creations[n], v)
	case IsFunc(fn, "context", "WithValue"):
		b.flow(v, call.Args[0])
	case refKind(v.Type()) == Context:
		if parent := b.valuesOnly(fn, call); parent != nil {
			// It adds values to the context it is given, and is
			// cancelled with it (a logging.WithLogger).
			b.flow(v, parent)
		} else {
			b.foreignCtx(v)
		}
	default:
		if instr, ok := v.(ssa.Instruction); ok {
			b.escape(v, allOps, instr)
		}
	}
}

// valuesOnly returns the argument of call whose context its result is,
// with values added and nothing else, according to fn's Summary; or nil.
func (b *classBuilder) valuesOnly(fn *types.Func, call *ssa.CallCommon) ssa.Value {
	if s := b.m.summaries[fn]; s != nil && !call.IsInvoke() && s.ValuesResult > 0 && s.ValuesResult <= len(call.Args) {
		return call.Args[s.ValuesResult-1]
	}
	return nil
}

// withCancel follows the results of context.WithCancel, WithTimeout,
// WithDeadline and their Cause forms: a new context, derived from the
// parent, and the function that cancels it. It reports whether x is one.
func (b *classBuilder) withCancel(x *ssa.Extract, call *ssa.Call) bool {
	fn := Callee(&call.Call)
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "context" || len(call.Call.Args) == 0 {
		return false
	}
	switch fn.Name() {
	case "WithCancel", "WithCancelCause", "WithTimeout", "WithDeadline", "WithTimeoutCause", "WithDeadlineCause":
	default:
		return false
	}
	// Both results are one creation: key the context by the call, the
	// cancel function by its extract.
	ctx := b.node(call)
	b.kinds[ctx] = Context
	if x.Index == 0 {
		b.union(b.ref(x), ctx)
		if len(b.creations[ctx]) == 0 {
			b.creations[ctx] = append(b.creations[ctx], x)
			if p := b.ref(call.Call.Args[0]); p != nil {
				b.parents = append(b.parents, [2]*node{ctx, p})
			}
			if strings.HasPrefix(fn.Name(), "WithTimeout") || strings.HasPrefix(fn.Name(), "WithDeadline") {
				b.timed[ctx] = true
			}
		}
		return true
	}
	n := b.ref(x)
	b.creations[n] = append(b.creations[n], x)
	b.cancels = append(b.cancels, [2]*node{ctx, n})
	return true
}

// outermost returns the function declared at package level that fn is,
// or is a function literal in.
func outermost(fn *ssa.Function) *ssa.Function {
	for fn.Parent() != nil {
		fn = fn.Parent()
	}
	return fn
}

// bodyOf returns fn, or for an instance of a generic function its origin,
// if it has a body. The model reads the package's functions as written:
// an instance's body (one per type argument, built by the SSA builder)
// belongs to no package, and its calls are its origin's.
func bodyOf(fn *ssa.Function) *ssa.Function {
	if fn == nil {
		return nil
	}
	if o := fn.Origin(); o != nil && o.Blocks != nil {
		fn = o
	}
	if fn.Blocks == nil {
		return nil
	}
	return fn
}

// op records operation op of instr on v.
func (b *classBuilder) op(op Op, instr ssa.Instruction, v ssa.Value) {
	b.opRef(v, instr)
	b.ops = append(b.ops, rawOp{op: op, instr: instr, v: v})
}

// opRef returns the node of v, a value an operation is made on. A value
// whose type the model does not follow, a type parameter's whose core type
// is a channel (func f[C chan int](c C) { close(c) }), gets one too, which
// outside code can do anything to: the model knows nothing of its partners.
func (b *classBuilder) opRef(v ssa.Value, instr ssa.Instruction) *node {
	if n := b.ref(v); n != nil {
		return n
	}
	n := b.node(v)
	b.outside[n] |= allOps
	if b.outsideAt[n] == nil {
		b.outsideAt[n] = instr
	}
	return n
}

// call follows references through a call, go or defer instruction.
func (b *classBuilder) call(instr ssa.CallInstruction) {
	call := instr.Common()
	v := instr.Value() // nil for go and defer
	if bi, ok := call.Value.(*ssa.Builtin); ok {
		switch bi.Name() {
		case "close":
			b.op(Close, instr, call.Args[0])
		case "len", "cap", "delete", "clear", "print", "println":
			// They keep nothing: delete(m, k) only looks k up.
		case "append", "copy":
			// One container, as far as its elements go: append(s, xs...)
			// returns s or a copy of it with xs added, copy(dst, src)
			// puts src's elements into dst.
			for _, a := range call.Args {
				if v != nil {
					b.flow(v, a)
				}
				b.flow(call.Args[0], a)
			}
		default:
			for _, a := range call.Args {
				b.escapeAll(a, instr)
			}
		}
		return
	}
	if !call.IsInvoke() && refKind(call.Value.Type()) == CancelFunc {
		b.op(Cancel, instr, call.Value)
		return
	}
	fn := Callee(call)
	if fn != nil && len(call.Args) > 0 && !call.IsInvoke() {
		if op := syncOp(fn); op != 0 {
			b.op(callOp(call, op), instr, call.Args[0])
			for _, a := range call.Args[1:] {
				b.escapeAll(a, instr)
			}
			if v != nil && b.ref(v) != nil {
				b.escape(v, allOps, instr)
			}
			return
		}
	}
	if call.IsInvoke() {
		if b.invoke(instr, call) {
			return
		}
	} else if callee := bodyOf(call.StaticCallee()); callee != nil && callee.Pkg == b.m.ssaPkg() {
		// Where the callee's parameter or result is of a type the model
		// does not follow (a type parameter: func fill[T any](xs []T)),
		// what goes through it is lost, as into code the package cannot
		// see: it escapes, and the result comes from anywhere.
		for i, a := range call.Args {
			switch {
			case i >= len(callee.Params):
			case b.ref(a) != nil && b.ref(callee.Params[i]) == nil:
				b.escapeArg(a, instr)
			default:
				b.flow(a, callee.Params[i])
			}
		}
		if v != nil && callee.Signature.Results().Len() == 1 {
			if b.ref(v) != nil && !tracks(callee.Signature.Results().At(0).Type()) {
				b.escape(v, allOps, instr)
			} else {
				b.flowTo(v, resultKey{callee, 0})
			}
		}
		return
	}
	// Another package's function (or a dynamic call): what its Summary
	// fact says it does with its parameters, else anything.
	var s Summary
	hasFact := fn != nil && !call.IsInvoke() && b.m.Pass.ImportObjectFact(fn, &s)
	for i, a := range call.Args {
		if b.ref(a) == nil {
			continue
		}
		p := s.Param(i)
		if !hasFact || p == nil || p.Escapes {
			b.escapeArg(a, instr)
			continue
		}
		for _, op := range p.Ops {
			b.ops = append(b.ops, rawOp{op: op, instr: instr, v: a, callee: fn})
		}
	}
	if v != nil && b.ref(v) != nil {
		b.fromOutside(v, call)
	}
}

// invoke follows references through an interface method call, into the
// package's methods that can implement it. It reports whether the call is
// fully accounted for.
func (b *classBuilder) invoke(instr ssa.CallInstruction, call *ssa.CallCommon) bool {
	if fn := Callee(call); fn != nil && fn.Name() == "Done" && IsContext(call.Value.Type()) {
		if v := instr.Value(); v != nil {
			b.fromOutside(v, call)
		}
		return true
	}
	iface, _ := call.Value.Type().Underlying().(*types.Interface)
	if iface == nil {
		return false
	}
	for _, impl := range b.impls[call.Method.Name()] {
		if !types.Implements(impl.Signature.Recv().Type(), iface) {
			continue
		}
		for i, a := range call.Args {
			if i+1 < len(impl.Params) {
				b.flow(a, impl.Params[i+1])
			}
		}
		if v := instr.Value(); v != nil && impl.Signature.Results().Len() == 1 {
			b.flowTo(v, resultKey{impl, 0})
		}
	}
	// An unexported method can only be implemented in its own package.
	return !call.Method.Exported() && call.Method.Pkg() == b.m.Pass.Pkg
}

// finish makes the classes from the union-find.
func (b *classBuilder) finish() *classes {
	cs := &classes{
		nodes: b.nodes,
		opsIn: make(map[*ssa.Function][]*Operation),
		opsAt: make(map[ssa.Instruction][]*Operation),
	}
	class := func(n *node) *Class {
		r := n.find()
		if r.class == nil {
			r.class = &Class{}
			cs.list = append(cs.list, r.class)
		}
		return r.class
	}
	for _, n := range b.order {
		class(n) // in a deterministic order
	}
	for _, o := range b.ops {
		c := class(b.nodes[o.v])
		op := &Operation{Op: o.op, Instr: o.instr, Class: c, Select: o.sel, Case: o.i, Callee: o.callee}
		c.Ops = append(c.Ops, op)
		cs.opsIn[o.instr.Parent()] = append(cs.opsIn[o.instr.Parent()], op)
		cs.opsAt[o.instr] = append(cs.opsAt[o.instr], op)
	}
	for n, vs := range b.creations {
		c := class(n)
		c.Creations = append(c.Creations, vs...)
	}
	for n, fs := range b.fields {
		c := class(n)
		c.Fields = append(c.Fields, fs...)
	}
	for n, gs := range b.globals {
		c := class(n)
		c.Globals = append(c.Globals, gs...)
	}
	for n, ops := range b.outside {
		c := class(n)
		c.Outside |= ops
		c.Direct |= ops
		if c.OutsideAt == nil {
			c.OutsideAt = b.outsideAt[n]
		}
	}
	for n, ops := range b.viaAPI {
		c := class(n)
		c.Outside |= ops
		if c.OutsideAt == nil {
			c.OutsideAt = b.outsideAt[n]
		}
	}
	b.closeHandoffs(class)
	fresh := make(map[*Class]OpSet)
	for n, ops := range b.fresh {
		c := class(n)
		fresh[c] |= ops
		if c.OutsideAt == nil {
			c.OutsideAt = b.outsideAt[n]
		}
	}
	for c, ops := range fresh {
		c.OutsideFresh = c.Outside == 0 // else it escapes otherwise too
		c.Outside |= ops
		c.Direct |= ops
	}
	for n := range b.timers {
		class(n).Timer = true
	}
	for n, k := range b.kinds {
		if c := class(n); c.Kind == 0 {
			c.Kind = k
		}
	}
	// What outside code holds, it can reach into: the elements of a
	// container it has, and what a channel it can send on or receive from
	// carries (an option's Flush <-chan chan<- struct{} that a test
	// fills; a Reload() <-chan chan error that package main answers), to
	// any depth.
	for changed := true; changed; {
		changed = false
		for _, n := range b.order {
			r := n.find()
			if r != n || r.elem == nil {
				continue
			}
			c, ec := class(r), class(r.elem)
			reaches := func(s OpSet) bool { return s != 0 && c.Kind != Chan || s.Has(Send) || s.Has(Recv) }
			direct := reaches(c.Direct) && ec.Direct != allOps
			if !direct && (!reaches(c.Outside) || ec.Outside == allOps) {
				continue
			}
			ec.Outside |= allOps
			if direct {
				ec.Direct |= allOps
			}
			if ec.OutsideAt == nil {
				ec.OutsideAt = c.OutsideAt
			}
			changed = true
		}
	}
	for n := range b.foreign {
		class(n).Foreign = true
	}
	for n := range b.never {
		class(n).Never = true
	}
	for n := range b.timed {
		class(n).Timed = true
	}
	for _, l := range b.parents {
		if c, p := class(l[0]), class(l[1]); c != p && !slices.Contains(c.Parents, p) {
			c.Parents = append(c.Parents, p)
		}
	}
	for _, l := range b.cancels {
		if c, f := class(l[0]), class(l[1]); !slices.Contains(c.Cancels, f) {
			c.Cancels = append(c.Cancels, f)
		}
	}
	for _, l := range b.dones {
		class(l[0]).DoneOf = class(l[1])
	}
	for _, c := range cs.list {
		slices.SortFunc(c.Creations, func(x, y ssa.Value) int { return cmp.Compare(x.Pos(), y.Pos()) })
	}
	return cs
}

// externallyCalled returns the functions of fns that can be called from
// where the package cannot see the arguments: exported functions and
// methods, functions used as values other than being called, and those
// the package never calls.
//
// valued are those of them used as values: they run whenever whoever gets
// the value calls it, which may be the package itself.
//
// It also fills m.recvSeen: the unexported methods the package calls
// statically or takes only as method values (h.release), never as
// method expressions or through outside code, so that their receiver is
// always one the package gives, even where other arguments are not.
func externallyCalled(m *Model, fns []*ssa.Function) (ext, valued map[*ssa.Function]bool) {
	ext = make(map[*ssa.Function]bool)
	valued = make(map[*ssa.Function]bool)
	bound := make(map[*ssa.Function]bool)   // taken as method values
	unbound := make(map[*ssa.Function]bool) // used as values otherwise
	// value marks the function a function value calls: a method value or
	// expression is a wrapper around the method.
	m.valueRefs = make(map[*ssa.Function][]*ssa.Function)
	var in *ssa.Function // the function whose body is being walked
	value := func(f *ssa.Function) {
		ext[f], valued[f] = true, true
		m.valueRefs[f] = append(m.valueRefs[f], in)
		if f.Synthetic == "" {
			unbound[f] = true
			return
		}
		if obj, ok := f.Object().(*types.Func); ok {
			if g := m.ssaPkg().Prog.FuncValue(obj); g != nil {
				ext[g], valued[g] = true, true
				m.valueRefs[g] = append(m.valueRefs[g], in)
				if BoundMethod(f) == nil {
					unbound[g] = true // a method expression: any receiver
				}
			}
		}
	}
	called := make(map[*ssa.Function]bool)
	var ops []*ssa.Value
	for _, fn := range fns {
		in = fn
		if fn.Parent() == nil && fn.Object() != nil && fn.Object().Exported() {
			ext[fn] = true // unless hidden, decided below
		}
		for _, blk := range fn.Blocks {
			for _, instr := range blk.Instrs {
				ops = instr.Operands(ops[:0])
				switch x := instr.(type) {
				case *ssa.MakeClosure:
					f := x.Fn.(*ssa.Function)
					if !m.closureCalledOnly(x) {
						value(f)
					}
					called[f] = true
					if obj := BoundMethod(f); obj != nil {
						if g := m.ssaPkg().Prog.FuncValue(obj); g != nil {
							bound[g] = true
							called[g] = true // by whoever runs the method value
						}
					}
					ops = ops[1:] // the bindings
				case ssa.CallInstruction:
					if f, ok := x.Common().Value.(*ssa.Function); ok {
						called[f] = true
						if g := bodyOf(f); g != nil {
							called[g] = true
						}
						ops = ops[1:] // a static call
					}
				}
				for _, op := range ops {
					if f, ok := (*op).(*ssa.Function); ok {
						value(f)
					}
				}
			}
		}
	}
	// An exported method that no outside code can reach is called only
	// as the package calls it (hidden.go).
	for _, fn := range fns {
		if ext[fn] && !valued[fn] && m.hiddenMethod(fn, called) {
			delete(ext, fn)
		}
	}
	// A function the package never calls is called from where it cannot
	// see: its tests, or through linkname.
	m.recvSeen = make(map[*ssa.Function]bool)
	for _, fn := range fns {
		if !called[fn] {
			ext[fn] = true
		}
		if fn.Signature.Recv() != nil && (called[fn] || bound[fn]) && !unbound[fn] && fn.Object() != nil && !fn.Object().Exported() {
			m.recvSeen[fn] = true
		}
	}
	return ext, valued
}

// handedOn reports whether the closure mc makes is passed to a call as
// an argument: whoever gets it calls it with arguments of its own (a
// helper that runs gen(taskC) on its goroutine), which the package does
// not see.
func handedOn(mc *ssa.MakeClosure) bool {
	if mc == nil {
		return false
	}
	for _, r := range Refs(mc) {
		if call, ok := r.(ssa.CallInstruction); ok && call.Common().Value != mc {
			return true
		}
	}
	return false
}

// closureCalledOnly reports whether the closure mc makes is only called,
// deferred or started as a goroutine or group task, itself or by a helper
// that runs it (see helperRuns), so that the package sees every call's
// arguments.
func (m *Model) closureCalledOnly(mc *ssa.MakeClosure) bool {
	for _, r := range Refs(mc) {
		switch r := r.(type) {
		case *ssa.DebugRef:
		case ssa.CallInstruction:
			call := r.Common()
			if call.Value != mc && !spawnsArg(call) && m.helperRuns(call, slices.Index(call.Args, ssa.Value(mc))) == runsUnknown {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// syncOp returns what calling fn, a method of a sync object, does to its
// receiver, or 0.
func syncOp(fn *types.Func) Op {
	recv := fn.Signature().Recv()
	if recv == nil {
		return 0
	}
	k := objectKind(deref(recv.Type()))
	switch k {
	case 0:
		return 0
	case Mutex, RWMutex:
		switch fn.Name() {
		case "Lock":
			return Lock
		case "Unlock":
			return Unlock
		case "RLock":
			return RLock
		case "RUnlock":
			return RUnlock
		case "TryLock", "TryRLock":
			return TryLock
		}
		return Other
	case Cond:
		switch fn.Name() {
		case "Wait":
			return Wait
		case "Signal":
			return Signal
		case "Broadcast":
			return Broadcast
		}
		return Other
	}
	return methodOp(fn, k)
}

// objectKind returns the kind of sync object t is (not a pointer), or 0.
func objectKind(t types.Type) Kind {
	if k := groupKind(t); k != 0 {
		return k
	}
	switch {
	case IsNamed(t, "sync", "Mutex"):
		return Mutex
	case IsNamed(t, "sync", "RWMutex"):
		return RWMutex
	case IsNamed(t, "sync", "Cond"):
		return Cond
	}
	return 0
}

// holdsRef reports whether a value of type t is a reference to an object
// or a container of them (see tracks), or the address of a variable
// holding one.
func holdsRef(t types.Type) bool {
	if tracks(t) {
		return true
	}
	p, ok := t.Underlying().(*types.Pointer)
	return ok && tracks(p.Elem())
}

// tracks reports whether the model follows values of type t: references
// (see refKind), and containers of them (see container).
func tracks(t types.Type) bool { return refKind(t) != 0 || container(t, 0) }

// container reports whether t is a slice, array, pointer to an array or
// map whose elements (or keys) the model follows (see tracks), to a
// small depth.
func container(t types.Type, depth int) bool {
	if depth > 2 {
		return false
	}
	follows := func(e types.Type) bool { return refKind(e) != 0 || container(e, depth+1) }
	if p, ok := t.Underlying().(*types.Pointer); ok {
		a, ok := p.Elem().Underlying().(*types.Array)
		return ok && follows(a.Elem())
	}
	switch u := t.Underlying().(type) {
	case *types.Slice:
		return follows(u.Elem())
	case *types.Array:
		return follows(u.Elem())
	case *types.Map:
		return follows(u.Elem()) || follows(u.Key())
	}
	return false
}

// refKind returns the kind of object a value of type t refers to: Chan for
// a channel, the object's kind for a pointer to a sync object; or 0.
func refKind(t types.Type) Kind {
	switch {
	case IsContext(t):
		return Context
	case IsNamed(t, "context", "CancelFunc"), IsNamed(t, "context", "CancelCauseFunc"):
		return CancelFunc
	}
	switch t := t.Underlying().(type) {
	case *types.Chan:
		return Chan
	case *types.Pointer:
		return objectKind(t.Elem())
	}
	return 0
}

// madeHere reports whether v, a function's result, is a channel the
// function makes itself, so that each call returns a new one: made by
// make, or loaded from a variable (one a goroutine captures) that holds
// nothing else, whoever stores into it.
func madeHere(v ssa.Value) bool { return madeHereSeen(v, make(map[*ssa.Alloc]bool)) }

// madeHereSeen is madeHere; seen holds the variables being read on the
// way to v. Storing what one of them holds changes nothing.
func madeHereSeen(v ssa.Value, seen map[*ssa.Alloc]bool) bool {
	switch x := v.(type) {
	case *ssa.MakeChan:
		return true
	case *ssa.ChangeType:
		return madeHereSeen(x.X, seen)
	case *ssa.UnOp:
		cell, ok := x.X.(*ssa.Alloc)
		if !ok || x.Op != token.MUL || seen[cell] {
			return false
		}
		seen[cell] = true
		defer delete(seen, cell)
		for _, ref := range Refs(cell) {
			switch ref := ref.(type) {
			case *ssa.Store:
				if ref.Addr != cell {
					return false // the variable's address is stored
				}
			case *ssa.UnOp, *ssa.MakeClosure, *ssa.DebugRef:
			default:
				return false
			}
		}
		made := false
		for _, v := range cellStores(cell) {
			if load, ok := v.(*ssa.UnOp); ok && load.Op == token.MUL {
				if a, ok := load.X.(*ssa.Alloc); ok && seen[a] {
					continue // it stores what it holds (return x for a named result x)
				}
			}
			if !madeHereSeen(v, seen) {
				return false
			}
			made = true
		}
		return made
	}
	return false
}
