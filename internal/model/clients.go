package model

import (
	"fmt"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// A bound is what the model knows of what, besides its context, bounds a
// blocking call: an http.Client's Timeout, a net.Dialer's Timeout or
// Deadline, a deadline on a connection.
type bound struct {
	// none: provably nothing does. what says what lacks the bound, and
	// at, if known, where that was made.
	none bool
	what string
	at   token.Pos
	// param: the value is this parameter's; its callers' business.
	param *ssa.Parameter
}

func unbounded(what string, at token.Pos) bound { return bound{none: true, what: what, at: at} }

// clients judges http.Clients: whether one provably has no Timeout, and
// whether nobody can give it one after the model has seen it made.
type clients struct {
	m    *Model
	memo map[ssa.Value]*bound // nil while being computed
	safe map[any]bool         // values and fields whose clients nobody changes
	// defaultTimeout: the package sets http.DefaultClient's Timeout.
	defaultTimeout bool
}

func newClients(m *Model, fns []*ssa.Function) *clients {
	c := &clients{m: m, memo: make(map[ssa.Value]*bound), safe: make(map[any]bool)}
	for _, fn := range fns {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if st, ok := instr.(*ssa.Store); ok {
					if fa, ok := st.Addr.(*ssa.FieldAddr); ok && isDefaultClient(fa.X) && fieldName(fa) == "Timeout" {
						c.defaultTimeout = true
					}
				}
			}
		}
	}
	return c
}

// client returns what is known of the Timeout of *http.Client v.
func (c *clients) client(v ssa.Value) bound {
	if b, ok := c.memo[v]; ok {
		if b == nil {
			return bound{} // a cycle: no verdict on this path
		}
		return *b
	}
	c.memo[v] = nil
	b := c.compute(v)
	c.memo[v] = &b
	return b
}

func (c *clients) compute(v ssa.Value) bound {
	if isDefaultClient(v) {
		return defaultClient(c.m, nil, nil)
	}
	if f := loadedField(v); f != nil {
		return c.field(f)
	}
	switch v := v.(type) {
	case *ssa.Alloc:
		return c.alloc(v)
	case *ssa.Parameter:
		if v.Parent().Parent() == nil && c.safeUses(v, false) {
			return bound{param: v}
		}
	case *ssa.FreeVar:
		if b := c.m.Bound(v); b != nil {
			return c.client(b)
		}
	case *ssa.Phi:
		var r bound
		for i, e := range v.Edges {
			b := c.client(e)
			if !b.none {
				return bound{}
			}
			if i == 0 {
				r = b
			}
		}
		return r
	case *ssa.Call:
		// A function that makes the client it returns: of the package,
		// or of another whose Summary says so.
		if !c.safeUses(v, false) {
			return bound{}
		}
		fns := c.m.targets(&v.Call)
		if len(fns) == 0 {
			if fn := Callee(&v.Call); fn != nil && c.m.summaries[fn] != nil && c.m.summaries[fn].NoTimeoutClient {
				return unbounded(fmt.Sprintf("the http.Client from %s() at line %d has no Timeout", FuncName(fn), c.m.Line(v.Pos())), v.Pos())
			}
			return bound{}
		}
		var r bound
		for _, fn := range fns {
			for _, b := range fn.Blocks {
				if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok && len(ret.Results) > 0 && !IsNil(ret.Results[0]) {
					rb := c.client(ret.Results[0])
					if !rb.none {
						return bound{}
					}
					r = rb
				}
			}
		}
		return r
	}
	return bound{}
}

// alloc judges a client the function makes: &http.Client{…}, new, or a
// variable. Its Timeout bounds every exchange, and its Transport may bound
// the wait for the response's headers.
func (c *clients) alloc(a *ssa.Alloc) bound {
	if !IsNamed(deref(a.Type()), "net/http", "Client") || !c.safeUses(a, true) {
		return bound{}
	}
	made := []*ssa.Alloc{a}
	if lit := copied(a); lit != nil {
		made = append(made, lit)
	}
	for _, ref := range slices.Concat(*made[0].Referrers(), *made[len(made)-1].Referrers()) {
		fa, ok := ref.(*ssa.FieldAddr)
		if !ok {
			continue
		}
		for _, use := range Refs(fa) {
			st, ok := use.(*ssa.Store)
			if !ok || isZero(st.Val) {
				continue
			}
			switch fieldName(fa) {
			case "Timeout":
				return bound{}
			case "Transport":
				if c.transportBounds(st.Val, make(map[ssa.Value]bool)) {
					return bound{}
				}
			}
		}
	}
	return unbounded(fmt.Sprintf("the http.Client made at line %d has no Timeout", c.m.Line(a.Pos())), a.Pos())
}

// copied returns the composite literal that a variable of struct type is
// initialized with (c := http.Client{…} builds the literal, then copies
// it), if that is all that is stored into it.
func copied(a *ssa.Alloc) *ssa.Alloc {
	var lit *ssa.Alloc
	for _, ref := range Refs(a) {
		st, ok := ref.(*ssa.Store)
		if !ok || st.Addr != a {
			continue
		}
		load, ok := st.Val.(*ssa.UnOp)
		if !ok || load.Op != token.MUL || lit != nil {
			return nil
		}
		if lit, ok = load.X.(*ssa.Alloc); !ok || len(*lit.Referrers()) == 0 {
			return nil
		}
		for _, r := range Refs(lit) {
			switch r.(type) {
			case *ssa.FieldAddr, *ssa.DebugRef:
			case *ssa.UnOp:
				if r != load {
					return nil
				}
			default:
				return nil
			}
		}
	}
	return lit
}

// field judges a client kept in a struct field by the values the package
// stores there, when it knows them all and nobody changes them.
func (c *clients) field(f *types.Var) bound {
	vals, closed := c.m.FieldStores(f)
	if !closed || len(vals) == 0 || !c.safeField(f) {
		return bound{}
	}
	var r bound
	for _, v := range vals {
		if IsNil(v) {
			continue
		}
		b := c.client(v)
		if !b.none {
			return bound{}
		}
		if !r.none {
			r = b
		}
	}
	if r.none {
		r.what = fmt.Sprintf("%s (it is kept in field %s)", r.what, f.Name())
	}
	return r
}

// safeField reports whether no load of a client field goes where its
// Timeout or Transport could be set.
func (c *clients) safeField(f *types.Var) bool {
	if safe, ok := c.safe[f]; ok {
		return safe
	}
	c.safe[f] = true // a cycle assumes the best; any unsafe use decides
	for _, r := range c.m.FieldReads(f) {
		if !c.safeUses(r, false) {
			c.safe[f] = false
			return false
		}
	}
	return true
}

// safeUses reports whether the uses of client v leave its Timeout and
// Transport as they are: calls of its methods, comparisons, stores into
// struct fields that are as safe, and functions of the package whose
// parameter is. A function that makes the client (own) may set them, and
// return it; alloc judges what it sets.
func (c *clients) safeUses(v ssa.Value, own bool) bool {
	if safe, ok := c.safe[v]; ok {
		return safe
	}
	c.safe[v] = true
	safe := c.uses(v, own)
	c.safe[v] = safe
	return safe
}

func (c *clients) uses(v ssa.Value, own bool) bool {
	for _, ref := range Refs(v) {
		switch ref := ref.(type) {
		case *ssa.DebugRef, *ssa.BinOp:
		case *ssa.UnOp:
			// A copy of the struct changes nothing.
		case *ssa.FieldAddr:
			if own {
				continue
			}
			if name := fieldName(ref); name == "Timeout" || name == "Transport" {
				for _, use := range Refs(ref) {
					if _, ok := use.(*ssa.Store); ok {
						return false
					}
				}
			}
		case *ssa.Phi:
			if !c.safeUses(ref, own) {
				return false
			}
		case *ssa.Return:
			if !own {
				return false // handed out: anyone may set a Timeout
			}
		case *ssa.Store:
			if ref.Val != v {
				if own && ref.Addr == v && copied(v.(*ssa.Alloc)) != nil {
					continue
				}
				return false
			}
			f := FieldOf(ref.Addr)
			if _, isAddr := ref.Addr.(*ssa.FieldAddr); !isAddr || f == nil {
				return false
			}
			if _, closed := c.m.FieldStores(f); !closed || !c.safeField(f.Origin()) {
				return false
			}
		case ssa.CallInstruction:
			common := ref.Common()
			if common.Value == v {
				return false
			}
			if fn := Callee(common); fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "net/http" && IsFunc(fn, "net/http", "Client."+fn.Name()) {
				if len(common.Args) > 0 && common.Args[0] == v && !slices.Contains(common.Args[1:], v) {
					continue
				}
				return false
			}
			fns := c.m.targets(common)
			if len(fns) == 0 {
				// A function of another package that passes the client
				// on to a blocking call, and so sets nothing on it.
				if !c.reachedBy(common, v) {
					return false
				}
				continue
			}
			for _, fn := range fns {
				p := paramFor(common, fn, v)
				if p == nil || !c.safeUses(p, false) {
					return false
				}
			}
		default:
			return false
		}
	}
	return true
}

// reachedBy reports whether a call of a function of another package passes
// client v only where, by the function's Summary, it reaches a blocking
// call.
func (c *clients) reachedBy(call *ssa.CallCommon, v ssa.Value) bool {
	fn, args := calleeArgs(call)
	s := c.m.summaries[fn]
	if s == nil {
		return false
	}
	for i, arg := range args {
		if arg == v {
			if p := s.Param(i); p == nil || p.ReachesAPI == "" {
				return false
			}
		}
	}
	return true
}

// transportBounds reports whether a client's Transport may bound the wait
// for a response: only an *http.Transport can, by its
// ResponseHeaderTimeout, or a RoundTripper of the package whose RoundTrip
// derives a deadline or that wraps one that may. A RoundTripper of unknown
// type (an interface parameter, another package's wrapper) is taken not
// to: they wrap a transport, they do not bound the exchange.
func (c *clients) transportBounds(v ssa.Value, seen map[ssa.Value]bool) bool {
	return c.m.anySource(v, seen, func(v ssa.Value) bool { return c.transport(v, seen) })
}

// transport reports whether transport v, not a conversion, a phi or a
// free variable, may bound the wait for a response.
func (c *clients) transport(v ssa.Value, seen map[ssa.Value]bool) bool {
	if _, ok := v.(*ssa.Const); ok {
		return false
	}
	if f := loadedField(v); f != nil {
		vals, closed := c.m.FieldStores(f)
		if !closed {
			return !types.IsInterface(v.Type())
		}
		for _, val := range vals {
			if c.transportBounds(val, seen) {
				return true
			}
		}
		return false
	}
	t := v.Type()
	if ptr, ok := t.Underlying().(*types.Pointer); ok && IsNamed(ptr.Elem(), "net/http", "Transport") {
		switch x := v.(type) {
		case *ssa.Alloc:
			return headerTimeout(x)
		case *ssa.Call:
			if IsFunc(Callee(&x.Call), "net/http", "Transport.Clone") {
				return headerTimeout(x) || c.transportBounds(x.Call.Args[0], seen)
			}
			// A function of the package that makes the transport.
			if fns := c.m.targets(&x.Call); len(fns) > 0 {
				if headerTimeout(x) {
					return true
				}
				for _, fn := range fns {
					for _, b := range fn.Blocks {
						if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok && len(ret.Results) > 0 && c.transportBounds(ret.Results[0], seen) {
							return true
						}
					}
				}
				return false
			}
		case *ssa.TypeAssert:
			if isGlobal(x.X, "net/http", "DefaultTransport") {
				return headerTimeout(x)
			}
		}
		return true // made elsewhere: it may have a ResponseHeaderTimeout
	}
	if types.IsInterface(t) {
		return false
	}
	named, ok := types.Unalias(deref(t)).(*types.Named)
	if !ok || named.Obj().Pkg() != c.m.Pass.Pkg {
		return false
	}
	// A RoundTripper of the package: it bounds the exchange if its
	// RoundTrip derives a deadline, or if it holds a transport that may.
	obj, _, _ := types.LookupFieldOrMethod(t, true, named.Obj().Pkg(), "RoundTrip")
	if method, ok := obj.(*types.Func); ok {
		if fn := c.m.pkg.Prog.FuncValue(method); fn != nil && derivesDeadline(fn) {
			return true
		}
	}
	st, ok := named.Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for i := range st.NumFields() {
		f := st.Field(i)
		if !IsNamed(f.Type(), "net/http", "RoundTripper") && !IsNamed(deref(f.Type()), "net/http", "Transport") {
			continue
		}
		vals, closed := c.m.FieldStores(f)
		if !closed {
			return true
		}
		for _, val := range vals {
			if c.transportBounds(val, seen) {
				return true
			}
		}
	}
	return false
}

// headerTimeout reports whether the function that makes transport t sets
// its ResponseHeaderTimeout.
func headerTimeout(t ssa.Value) bool {
	for _, ref := range Refs(t) {
		if fa, ok := ref.(*ssa.FieldAddr); ok && fieldName(fa) == "ResponseHeaderTimeout" {
			for _, use := range Refs(fa) {
				if st, ok := use.(*ssa.Store); ok && !isZero(st.Val) {
					return true
				}
			}
		}
	}
	return false
}

// derivesDeadline reports whether fn, or a function literal in it, derives
// a context with a deadline or sets one on a connection.
func derivesDeadline(fn *ssa.Function) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			callee := Callee(call.Common())
			if callee == nil {
				continue
			}
			switch {
			case callee.Pkg() != nil && callee.Pkg().Path() == "context" &&
				(callee.Name() == "WithTimeout" || callee.Name() == "WithDeadline" || callee.Name() == "WithTimeoutCause" || callee.Name() == "WithDeadlineCause"),
				callee.Name() == "SetDeadline" || callee.Name() == "SetReadDeadline":
				return true
			}
		}
	}
	for _, anon := range fn.AnonFuncs {
		if derivesDeadline(anon) {
			return true
		}
	}
	return false
}

// netDialer judges the *net.Dialer of tls.DialWithDialer or of a
// tls.Dialer's NetDialer: whether it provably has neither Timeout nor
// Deadline.
func (c *clients) netDialer(v ssa.Value) bound {
	if f := loadedField(v); f != nil {
		vals, closed := c.m.FieldStores(f)
		if !closed || len(vals) == 0 {
			return bound{}
		}
		var r bound
		for _, val := range vals {
			if r = c.netDialer(val); !r.none {
				return bound{}
			}
		}
		return r
	}
	a, ok := v.(*ssa.Alloc)
	if !ok || !IsNamed(deref(a.Type()), "net", "Dialer") {
		return bound{}
	}
	for _, ref := range Refs(a) {
		switch ref := ref.(type) {
		case *ssa.FieldAddr:
			if name := fieldName(ref); name != "Timeout" && name != "Deadline" {
				continue
			}
			for _, use := range Refs(ref) {
				if st, ok := use.(*ssa.Store); !ok || !isZero(st.Val) {
					return bound{}
				}
			}
		case *ssa.DebugRef:
		case ssa.CallInstruction:
			// Methods of net.Dialer and the tls dials read it.
			fn := Callee(ref.Common())
			if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "net" && fn.Pkg().Path() != "crypto/tls" {
				return bound{}
			}
		case *ssa.Store:
			// Into a tls.Dialer the function makes.
			fa, ok := ref.Addr.(*ssa.FieldAddr)
			if !ok || ref.Val != a || fieldName(fa) != "NetDialer" {
				return bound{}
			}
			if _, local := fa.X.(*ssa.Alloc); !local {
				return bound{}
			}
		default:
			return bound{}
		}
	}
	return unbounded(fmt.Sprintf("the net.Dialer made at line %d has no Timeout", c.m.Line(a.Pos())), a.Pos())
}

// fieldName returns the name of the field whose address fa is.
func fieldName(fa *ssa.FieldAddr) string {
	if f := FieldOf(fa); f != nil {
		return f.Name()
	}
	return ""
}

// isGlobal reports whether v loads the package-level variable pkg.name.
func isGlobal(v ssa.Value, pkg, name string) bool {
	g := loadedGlobal(v)
	return g != nil && g.Pkg != nil && g.Pkg.Pkg.Path() == pkg && g.Name() == name
}

// noTimeout reports whether fn returns, as its first result, an
// http.Client it makes with no Timeout (Summary.NoTimeoutClient).
func (c *clients) noTimeout(fn *ssa.Function) bool {
	res := fn.Signature.Results()
	if res.Len() == 0 || !isClient(res.At(0).Type()) {
		return false
	}
	some := false
	for _, b := range fn.Blocks {
		if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok && !IsNil(ret.Results[0]) {
			if _, made := ret.Results[0].(*ssa.Alloc); !made || !c.client(ret.Results[0]).none {
				return false
			}
			some = true
		}
	}
	return some
}
