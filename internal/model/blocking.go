package model

import (
	"fmt"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// A BlockingCall is a call that can block until its context is done: a
// known blocking API, or a function whose context parameter reaches one.
type BlockingCall struct {
	Call *ssa.Call
	// API names the blocking API, e.g. "(*sql.DB).QueryContext".
	API string
	// Via is the function called, when it is not the API itself but a
	// function that passes its context (or its client) on to the API.
	Via *types.Func
	// Sink is, when Via is a function of this package, the call of the
	// API that it reaches.
	Sink *ssa.Call
	// CtxArg is the argument whose context the call waits on: a
	// context.Context, or an *http.Request or *exec.Cmd that carries one.
	// It is nil when the API makes its own context with
	// context.Background, as http.Get does, or takes none, as tls.Dial.
	// Ctx is the verdict on it.
	CtxArg ssa.Value
	Ctx    Ctx
	// ClientArg is, when Via passes an *http.Client parameter on to the
	// API, the argument given for it.
	ClientArg ssa.Value
	// Unbounded says, for an API that something besides its context can
	// bound, what provably lacks that bound, e.g. "http.DefaultClient has
	// no Timeout"; UnboundedAt is where that was made, if known.
	Unbounded   string
	UnboundedAt token.Pos
	// Async: Via reaches the API in a goroutine it starts, so the wait
	// may outlive the call (a Start that runs its loop with the context
	// it was given).
	Async bool
	// Bounded: something besides the context bounds the call, or may (a
	// client's Timeout, a deadline on the connection, a wrapper of the
	// interface called that adds a timeout, see Wrappers). The call can
	// still drop the context its function was given.
	Bounded bool

	// clientParam: the call is unbounded if this *http.Client parameter
	// has no Timeout, which is its callers' business.
	clientParam *ssa.Parameter
}

// An api is a blocking API.
type api struct {
	// arg is the argument, a method's receiver being 0, that carries the
	// context the call waits on; -1 for calls that use context.Background
	// or no context.
	arg int
	// bound, if set, judges what besides the context can bound the call
	// (an http.Client's Timeout).
	bound func(m *Model, call *ssa.Call, args []ssa.Value) bound
}

// blockingAPIs maps a function or method ("pkgpath.F" or "pkgpath.T.M") to
// what the model knows of it.
//
// Left out on purpose, because they cannot hang forever: net.Dialer's
// DialContext (the kernel gives up on a connect, after about two minutes
// on Linux), net.Resolver's lookups (every DNS exchange has the resolver's
// own timeout) and net.ListenConfig (binding and listening are local).
// Also gRPC's NewStream: a stream with no deadline is how a watch or a
// subscription is written, and a deadline would end it.
var blockingAPIs = map[string]api{}

func init() {
	for _, t := range []string{"DB", "Conn", "Tx", "Stmt"} {
		for _, m := range []string{"ExecContext", "QueryContext", "QueryRowContext"} {
			blockingAPIs["database/sql."+t+"."+m] = api{arg: 1}
		}
	}
	for _, m := range []string{"DB.BeginTx", "DB.Conn", "DB.PingContext", "DB.PrepareContext",
		"Conn.BeginTx", "Conn.PingContext", "Conn.PrepareContext", "Tx.PrepareContext", "Tx.StmtContext"} {
		blockingAPIs["database/sql."+m] = api{arg: 1}
	}
	blockingAPIs["crypto/tls.Dialer.DialContext"] = api{1, tlsDialer}
	blockingAPIs["crypto/tls.Conn.HandshakeContext"] = api{1, tlsConn}
	blockingAPIs["crypto/tls.Conn.Handshake"] = api{-1, tlsConn}
	blockingAPIs["crypto/tls.Dial"] = api{-1, func(*Model, *ssa.Call, []ssa.Value) bound {
		return unbounded("tls.Dial sets no deadline on the handshake", token.NoPos)
	}}
	blockingAPIs["crypto/tls.DialWithDialer"] = api{-1, func(m *Model, _ *ssa.Call, args []ssa.Value) bound {
		return m.clients.netDialer(args[0])
	}}
	for _, f := range []string{"Dial", "SendMail"} {
		blockingAPIs["net/smtp."+f] = api{-1, func(*Model, *ssa.Call, []ssa.Value) bound {
			return unbounded("net/smtp sets no deadline on the connection", token.NoPos)
		}}
	}
	blockingAPIs["google.golang.org/grpc.ClientConn.Invoke"] = api{arg: 1}
	blockingAPIs["google.golang.org/grpc.ClientConnInterface.Invoke"] = api{arg: 1}
	blockingAPIs["net/http.Client.Do"] = api{1, httpClient}
	for _, m := range []string{"Get", "Head", "Post", "PostForm"} {
		blockingAPIs["net/http.Client."+m] = api{-1, httpClient}
		blockingAPIs["net/http."+m] = api{-1, defaultClient}
	}
	for _, m := range []string{"Run", "Output", "CombinedOutput", "Wait"} {
		blockingAPIs["os/exec.Cmd."+m] = api{0, killed}
	}
}

// httpClient: an http.Client bounds every exchange by its Timeout, and
// its Transport may bound parts of it (ResponseHeaderTimeout).
func httpClient(m *Model, _ *ssa.Call, args []ssa.Value) bound {
	return m.clients.client(args[0])
}

// defaultClient: http.DefaultClient has no Timeout, unless the package
// sets one (http.DefaultClient.Timeout = time.Minute, in an init).
func defaultClient(m *Model, _ *ssa.Call, _ []ssa.Value) bound {
	if m.clients.defaultTimeout {
		return bound{}
	}
	return unbounded("http.DefaultClient has no Timeout", token.NoPos)
}

// isDefaultClient reports whether v is http.DefaultClient.
func isDefaultClient(v ssa.Value) bool { return isGlobal(v, "net/http", "DefaultClient") }

// tlsDialer: a tls.Dialer bounds its handshake by its NetDialer's Timeout
// or Deadline.
func tlsDialer(m *Model, _ *ssa.Call, args []ssa.Value) bound {
	a, ok := m.unset(args[0], "NetDialer")
	if !ok {
		return bound{}
	}
	return unbounded(fmt.Sprintf("the tls.Dialer made at line %d has no NetDialer with a Timeout", m.Line(a.Pos())), a.Pos())
}

// tlsConn: a deadline on the connection bounds a handshake. The model
// knows none is set when the function makes the tls.Conn itself, sets no
// deadline on anything, and its connection is one net makes without a
// deadline (a dial, an accepted connection), also when the package's own
// callers hand it over (see callersDeadline); a connection from a dial
// function it is handed, from one that sets a deadline, or given to it by
// callers the package does not see, may have one.
func tlsConn(m *Model, call *ssa.Call, args []ssa.Value) bound {
	made, ok := args[0].(*ssa.Call)
	if !ok || !IsFunc(Callee(&made.Call), "crypto/tls", "Client") && !IsFunc(Callee(&made.Call), "crypto/tls", "Server") {
		return bound{}
	}
	if setsDeadline(call.Parent(), false) || m.connDeadline(made.Call.Args[0], make(map[ssa.Value]bool)) {
		return bound{}
	}
	return unbounded("the connection has no deadline", token.NoPos)
}

// connDeadline reports whether a connection may come with a deadline set.
func (m *Model) connDeadline(v ssa.Value, seen map[ssa.Value]bool) bool {
	return m.anySource(v, seen, func(v ssa.Value) bool {
		switch x := v.(type) {
		case *ssa.Parameter:
			return m.callersDeadline(x, seen)
		case *ssa.Const, *ssa.FreeVar:
			return false
		case *ssa.Extract:
			return m.connDeadline(x.Tuple, seen)
		case *ssa.Call:
			fn := Callee(&x.Call)
			for _, name := range []string{"Dial", "DialTimeout", "DialTCP", "Dialer.Dial", "Dialer.DialContext", "Listener.Accept", "TCPListener.Accept", "TCPListener.AcceptTCP"} {
				if IsFunc(fn, "net", name) {
					return false // net sets no deadline
				}
			}
			fns := m.targets(&x.Call)
			for _, fn := range fns {
				if setsDeadline(fn, true) {
					return true
				}
			}
			return len(fns) == 0 // another package's function, or a dial function handed over
		}
		return true
	})
}

// callersDeadline reports whether the connection parameter p may come
// with a deadline its callers set. Callers the package does not see (of an
// exported function or method, or of one it never calls, such as a
// handshake hook gRPC calls after setting one) may have set one. The
// package's own static callers are judged by what they pass and by
// whether they set deadlines themselves. A function literal or a function
// used as a value (a hook, a handler) is called through function values
// and interfaces: it may get a deadline when one of the package's dynamic
// calls passing a connection comes after a deadline is set and not after
// a later clear (SetDeadline(time.Time{}), as a router does before it
// hands a connection on).
func (m *Model) callersDeadline(p *ssa.Parameter, seen map[ssa.Value]bool) bool {
	fn := p.Parent()
	i := slices.Index(fn.Params, p)
	switch {
	case i < 0:
		return true
	case fn.Parent() != nil || m.valued[fn]:
		return m.hookDeadline(fn, p.Type())
	case m.entries[fn]:
		return true
	}
	for _, f := range m.Funcs {
		for _, b := range f.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(ssa.CallInstruction)
				if !ok || call.Common().StaticCallee() != fn {
					continue
				}
				if args := call.Common().Args; i >= len(args) || setsDeadline(f, false) || m.connDeadline(args[i], seen) {
					return true
				}
			}
		}
	}
	return false
}

// hookDeadline reports whether one of the package's dynamic calls (through
// a function value or an interface) that may run fn and passes a value of
// type t, a connection, has a deadline set before it: the nearest deadline
// call that dominates it sets one rather than clearing it. A call through
// a field runs what the package stores there (see targets); other dynamic
// calls may run anything.
func (m *Model) hookDeadline(fn *ssa.Function, t types.Type) bool {
	for _, f := range m.Funcs {
		for _, b := range f.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(ssa.CallInstruction)
				if !ok || call.Common().StaticCallee() != nil || !slices.ContainsFunc(call.Common().Args, func(a ssa.Value) bool { return types.Identical(a.Type(), t) }) {
					continue
				}
				if targets := m.targets(call.Common()); len(targets) > 0 && !slices.Contains(targets, fn) {
					continue
				}
				if d := nearestDeadline(f, call); d != nil {
					if args := CallArgs(d.Common()); len(args) == 2 && !isZeroConst(args[1]) {
						return true
					}
				}
			}
		}
	}
	return false
}

// nearestDeadline returns the call setting or clearing a deadline in f
// that dominates call and that every other such one dominates, or nil.
func nearestDeadline(f *ssa.Function, call ssa.Instruction) ssa.CallInstruction {
	var last ssa.CallInstruction
	for _, b := range f.Blocks {
		for _, instr := range b.Instrs {
			if d, ok := instr.(ssa.CallInstruction); ok && isSetDeadline(d) && Dominates(d, call) && (last == nil || Dominates(last, d)) {
				last = d
			}
		}
	}
	return last
}

// isSetDeadline reports whether call sets (or clears) a deadline on a
// connection.
func isSetDeadline(call ssa.CallInstruction) bool {
	f := Callee(call.Common())
	return f != nil && (f.Name() == "SetDeadline" || f.Name() == "SetReadDeadline")
}

// isZeroConst reports whether v is a constant zero value, such as
// time.Time{}.
func isZeroConst(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	return ok && c.Value == nil
}

// anySource reports whether is holds for one of the values v may be: v,
// or, through conversions, the free variables of closures and the edges
// of phis, what it comes from. seen breaks cycles.
func (m *Model) anySource(v ssa.Value, seen map[ssa.Value]bool, is func(ssa.Value) bool) bool {
	if seen[v] {
		return false
	}
	seen[v] = true
	switch x := v.(type) {
	case *ssa.MakeInterface:
		return m.anySource(x.X, seen, is)
	case *ssa.ChangeType:
		return m.anySource(x.X, seen, is)
	case *ssa.ChangeInterface:
		return m.anySource(x.X, seen, is)
	case *ssa.FreeVar:
		if b := m.Bound(x); b != nil {
			return m.anySource(b, seen, is)
		}
	case *ssa.Phi:
		for _, e := range x.Edges {
			if m.anySource(e, seen, is) {
				return true
			}
		}
		return false
	}
	return is(v)
}

// setsDeadline reports whether fn sets a deadline on a connection, or
// with deep, a function literal in it does.
func setsDeadline(fn *ssa.Function, deep bool) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if c, ok := instr.(ssa.CallInstruction); ok && isSetDeadline(c) {
				return true
			}
		}
	}
	if deep {
		for _, anon := range fn.AnonFuncs {
			if setsDeadline(anon, true) {
				return true
			}
		}
	}
	return false
}

// killed: a command its function kills (cmd.Process.Kill() after a
// timer, while a goroutine waits for it) is bounded by that.
func killed(m *Model, call *ssa.Call, args []ssa.Value) bound {
	cmd := m.variable(args[0])
	fn := outermost(call.Parent())
	var kills func(fn *ssa.Function) bool
	kills = func(fn *ssa.Function) bool {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				c, ok := instr.(ssa.CallInstruction)
				if !ok {
					continue
				}
				f := Callee(c.Common())
				if !IsFunc(f, "os", "Process.Kill") && !IsFunc(f, "os", "Process.Signal") {
					continue
				}
				load, ok := c.Common().Args[0].(*ssa.UnOp)
				if !ok {
					continue
				}
				if fa, ok := load.X.(*ssa.FieldAddr); ok {
					if m.variable(fa.X) == cmd || m.AccessOf(fa.X).Same(m.AccessOf(args[0])) {
						return true
					}
				}
			}
		}
		for _, anon := range fn.AnonFuncs {
			if kills(anon) {
				return true
			}
		}
		return false
	}
	if cmd != nil && kills(fn) {
		return bound{}
	}
	return unbounded("", token.NoPos)
}

// variable returns what v is: the value, through the free variables of
// the closures that capture it, or the variable it is loaded from (a
// variable closures capture lives in a cell).
func (m *Model) variable(v ssa.Value) ssa.Value {
	if load, ok := v.(*ssa.UnOp); ok && load.Op == token.MUL {
		if cell, ok := m.variable(load.X).(*ssa.Alloc); ok && isCell(cell) {
			return cell
		}
	}
	for {
		fv, ok := v.(*ssa.FreeVar)
		if !ok {
			return v
		}
		if v = m.Bound(fv); v == nil {
			return fv
		}
	}
}

// unset returns the allocation v is, if the function makes a struct
// (&T{…}, new(T), var t T) and gives none of the named fields a non-zero
// value, and the struct goes nowhere but to calls of its own methods,
// where nobody else can set them.
func (m *Model) unset(v ssa.Value, fields ...string) (*ssa.Alloc, bool) {
	a, ok := v.(*ssa.Alloc)
	if !ok {
		return nil, false
	}
	st, ok := deref(a.Type()).Underlying().(*types.Struct)
	if !ok {
		return nil, false
	}
	for _, ref := range Refs(a) {
		switch ref := ref.(type) {
		case *ssa.FieldAddr:
			if !contains(fields, st.Field(ref.Field).Name()) {
				continue
			}
			for _, use := range Refs(ref) {
				switch use := use.(type) {
				case *ssa.Store:
					if use.Addr != ref || !isZero(use.Val) {
						return nil, false
					}
				case *ssa.UnOp, *ssa.DebugRef:
				default:
					return nil, false
				}
			}
		case ssa.CallInstruction:
			fn := Callee(ref.Common())
			args := ref.Common().Args
			if fn == nil || fn.Signature().Recv() == nil || len(args) == 0 || args[0] != a {
				return nil, false
			}
			for _, arg := range args[1:] {
				if arg == a {
					return nil, false
				}
			}
		case *ssa.DebugRef:
		default:
			return nil, false
		}
	}
	return a, true
}

// isZero reports whether v is the constant zero value of its type.
func isZero(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	if !ok {
		return false
	}
	switch {
	case c.Value == nil:
		return true // nil, or the zero value of a struct or array
	case c.Value.Kind() == constant.Int, c.Value.Kind() == constant.Float:
		return constant.Sign(c.Value) == 0
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// apiKey returns fn's key in blockingAPIs.
func apiKey(fn *types.Func) string {
	if fn.Pkg() == nil {
		return ""
	}
	recv := fn.Signature().Recv()
	if recv == nil {
		return fn.Pkg().Path() + "." + fn.Name()
	}
	named, ok := types.Unalias(deref(recv.Type())).(*types.Named)
	if !ok {
		return ""
	}
	return fn.Pkg().Path() + "." + named.Obj().Name() + "." + fn.Name()
}

// FuncName renders fn for messages as Go code would name it, qualified by
// package name: "sql.Open", "(*sql.DB).QueryContext".
func FuncName(fn *types.Func) string {
	qual := func(p *types.Package) string { return p.Name() }
	recv := fn.Signature().Recv()
	if recv == nil {
		if fn.Pkg() == nil {
			return fn.Name()
		}
		return fn.Pkg().Name() + "." + fn.Name()
	}
	t := types.TypeString(recv.Type(), qual)
	if strings.HasPrefix(t, "*") {
		t = "(" + t + ")"
	}
	return t + "." + fn.Name()
}

// findBlockingCalls finds the calls that block on a context, then follows
// context and client parameters up the package's call graph: a function
// whose context parameter reaches a blocking call makes its own callers
// blocking calls too, and so does one whose *http.Client parameter reaches
// a call with no deadline on its context.
func (m *Model) findBlockingCalls() {
	type sink struct {
		api    string
		call   *ssa.Call
		client bool
		ctx    Ctx // for a client, the verdict on the context of the call
	}
	sinks := make(map[*ssa.Parameter]sink) // parameters that reach an API
	var work []*ssa.Parameter
	m.reaches = make(map[*ssa.Parameter]string)
	m.async = make(map[*ssa.Parameter]bool)
	bodies := make(map[*ssa.Function]bool) // goroutine bodies
	for _, s := range m.Spawns {
		if s.Body != nil && s.Go != nil {
			bodies[s.Body] = true
		}
	}
	// addSink records that p reaches an API through bc, a call made by
	// p's function or a function literal in it.
	addSink := func(p *ssa.Parameter, bc *BlockingCall, s sink) {
		if _, ok := sinks[p]; !ok && p.Parent().Parent() == nil {
			async := bc.Async
			for f := bc.Call.Parent(); f != nil && f != p.Parent(); f = f.Parent() {
				async = async || bodies[f]
			}
			sinks[p] = s
			m.reaches[p] = s.api
			m.async[p] = async
			work = append(work, p)
		}
	}
	sinkCall := func(bc *BlockingCall) *ssa.Call {
		if bc.Sink != nil {
			return bc.Sink
		}
		return bc.Call
	}
	add := func(bc *BlockingCall) {
		if p := bc.clientParam; p != nil {
			addSink(p, bc, sink{api: bc.API, call: sinkCall(bc), client: true, ctx: bc.Ctx})
			return
		}
		m.BlockingCalls = append(m.BlockingCalls, bc)
		if p := bc.Ctx.Param; p != nil && bc.Ctx.Deadline == Unknown && !bc.Bounded && !bc.Ctx.Stoppable {
			addSink(p, bc, sink{api: bc.API, call: sinkCall(bc)})
		}
	}
	callers := make(map[*ssa.Function][]*ssa.Call) // in-package calls
	for _, fn := range m.Funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(*ssa.Call)
				if !ok {
					continue
				}
				if fns := m.targets(&call.Call); len(fns) > 0 {
					for _, fn := range fns {
						callers[fn] = append(callers[fn], call)
					}
					continue
				}
				if bc := m.blockingCall(call); bc != nil {
					add(bc)
				}
			}
		}
	}
	done := make(map[*ssa.Call]bool)
	for len(work) > 0 {
		p := work[0]
		work = work[1:]
		fn, i := p.Parent(), paramIndex(p)
		s := sinks[p]
		for _, call := range callers[fn] {
			if done[call] {
				continue
			}
			// Every function the call may run must reach the API.
			fns := m.targets(&call.Call)
			all := true
			for _, t := range fns {
				if i >= len(t.Params) || sinks[t.Params[i]].api == "" {
					all = false
				}
			}
			arg := argFor(&call.Call, i)
			if !all || arg == nil {
				continue
			}
			done[call] = true
			via := Callee(&call.Call)
			if via == nil {
				via = funcObject(fn)
			}
			bc := &BlockingCall{Call: call, API: s.api, Via: via, Sink: s.call, Async: m.async[p]}
			if !s.client {
				bc.CtxArg, bc.Ctx = arg, m.Context(arg)
				add(bc)
				continue
			}
			bc.ClientArg, bc.Ctx = arg, s.ctx
			switch b := m.clients.client(arg); {
			case b.none:
				bc.Unbounded, bc.UnboundedAt = b.what, b.at
				add(bc)
			case b.param != nil:
				bc.clientParam = b.param
				add(bc)
			}
		}
	}
}

// blockingCall returns the BlockingCall that call is, if it calls a known
// blocking API of another package, or a function of another package whose
// Summary says a context or client parameter reaches one.
func (m *Model) blockingCall(call *ssa.Call) *BlockingCall {
	fn, args := calleeArgs(&call.Call)
	if fn == nil {
		return nil
	}
	if a, ok := blockingAPIs[apiKey(fn)]; ok && fn.Pkg() != m.Pass.Pkg && a.arg < len(args) {
		bc := &BlockingCall{Call: call, API: FuncName(fn), Ctx: Ctx{Deadline: NoDeadline, Origin: call, None: true}}
		if a.arg >= 0 {
			bc.CtxArg = args[a.arg]
			bc.Ctx = m.Context(bc.CtxArg)
		}
		if fn.Pkg().Path() == "database/sql" && m.localSQL() {
			bc.Bounded = true // its driver waits on no server (drivers.go)
		}
		if m.intercepted(bc.API) {
			bc.Bounded = true
		}
		if a.bound != nil {
			switch b := a.bound(m, call, args); {
			case b.none:
				bc.Unbounded, bc.UnboundedAt = b.what, b.at
			case b.param != nil && bc.Ctx.Deadline == NoDeadline:
				bc.clientParam = b.param
			default:
				bc.Bounded = true
			}
		}
		return bc
	}
	s := m.summaries[fn]
	if s == nil {
		return nil
	}
	for _, p := range s.Params {
		if p.ReachesAPI == "" || p.Index >= len(args) {
			continue
		}
		bc := &BlockingCall{Call: call, API: p.ReachesAPI, Via: fn, Async: p.Async, Bounded: m.wrappedCall(&call.Call) || m.intercepted(p.ReachesAPI)}
		if isClient(args[p.Index].Type()) {
			b := m.clients.client(args[p.Index])
			if !b.none && b.param == nil {
				continue
			}
			bc.ClientArg, bc.Ctx = args[p.Index], Ctx{Deadline: NoDeadline}
			bc.Unbounded, bc.UnboundedAt, bc.clientParam = b.what, b.at, b.param
			return bc
		}
		bc.CtxArg, bc.Ctx = args[p.Index], m.Context(args[p.Index])
		return bc
	}
	return nil
}

// funcObject returns the types.Func an SSA function declares, or nil for
// literals.
func funcObject(fn *ssa.Function) *types.Func {
	obj, _ := fn.Object().(*types.Func)
	return obj
}

// BoundMethod returns the method that fn, the function of a method value
// (x.Close), calls on its bound receiver; nil for other functions.
func BoundMethod(fn ssa.Value) *types.Func {
	f, ok := fn.(*ssa.Function)
	if !ok || !strings.HasPrefix(f.Synthetic, "bound method wrapper") {
		return nil
	}
	return funcObject(f)
}

// CallArgs returns the arguments of a call as ValuesOnly and ArgSyntax
// count them: a method's receiver first, an interface's included.
func CallArgs(c *ssa.CallCommon) []ssa.Value {
	if c.IsInvoke() {
		return append([]ssa.Value{c.Value}, c.Args...)
	}
	return c.Args
}

// calleeArgs returns the function a call runs and its arguments, a
// method's receiver first, also for calls through an interface and of
// method values (f := db.QueryContext; f(ctx, q)).
func calleeArgs(c *ssa.CallCommon) (*types.Func, []ssa.Value) {
	if c.IsInvoke() {
		return c.Method, CallArgs(c)
	}
	if mc, ok := c.Value.(*ssa.MakeClosure); ok {
		if m := BoundMethod(mc.Fn); m != nil {
			return m.Origin(), append([]ssa.Value{mc.Bindings[0]}, c.Args...)
		}
	}
	return Callee(c), c.Args
}
