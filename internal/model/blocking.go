package model

import (
	"go/types"
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
	// function that passes its context on to the API.
	Via *types.Func
	// CtxArg is the argument that carries the context (nil when the
	// context is implicit, as for http.Get); Ctx is the verdict on it.
	CtxArg ssa.Value
	Ctx    Ctx
	// Implicit explains a context that is not an argument, e.g. "it uses
	// http.DefaultClient, which has no Timeout".
	Implicit string
}

// blockingAPIs maps a function or method ("pkgpath.F" or "pkgpath.T.M") to
// the index of its context argument in an SSA call (a method's receiver is
// argument 0).
var blockingAPIs = map[string]int{}

func init() {
	for _, t := range []string{"DB", "Conn", "Tx", "Stmt"} {
		for _, m := range []string{"ExecContext", "QueryContext", "QueryRowContext"} {
			blockingAPIs["database/sql."+t+"."+m] = 1
		}
	}
	for _, m := range []string{"DB.BeginTx", "DB.Conn", "DB.PingContext", "DB.PrepareContext",
		"Conn.BeginTx", "Conn.PingContext", "Conn.PrepareContext", "Tx.PrepareContext", "Tx.StmtContext"} {
		blockingAPIs["database/sql."+m] = 1
	}
	blockingAPIs["net.Dialer.DialContext"] = 1
	for _, m := range []string{"LookupHost", "LookupIPAddr", "LookupIP", "LookupNetIP", "LookupPort",
		"LookupCNAME", "LookupSRV", "LookupMX", "LookupNS", "LookupTXT", "LookupAddr"} {
		blockingAPIs["net.Resolver."+m] = 1
	}
	blockingAPIs["crypto/tls.Dialer.DialContext"] = 1
	blockingAPIs["crypto/tls.Conn.HandshakeContext"] = 1
	blockingAPIs["google.golang.org/grpc.ClientConn.Invoke"] = 1
	blockingAPIs["google.golang.org/grpc.ClientConn.NewStream"] = 1
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
	t := recv.Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := types.Unalias(t).(*types.Named)
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
// context parameters up the package's call graph: a function whose
// context parameter reaches a blocking call makes its own callers blocking
// calls too.
func (m *Model) findBlockingCalls() {
	type sink struct {
		api  string
		call *ssa.Call
	}
	sinks := make(map[*ssa.Parameter]sink) // context parameters that reach an API
	var work []*ssa.Parameter
	add := func(bc *BlockingCall) {
		m.BlockingCalls = append(m.BlockingCalls, bc)
		if p := bc.Ctx.Param; p != nil && bc.Ctx.Deadline == Unknown {
			if _, ok := sinks[p]; !ok {
				sinks[p] = sink{bc.API, bc.Call}
				work = append(work, p)
			}
		}
	}
	callers := make(map[*ssa.Function][]*ssa.Call) // in-package static calls
	for _, fn := range m.Funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(*ssa.Call)
				if !ok {
					continue
				}
				if callee := call.Call.StaticCallee(); callee != nil && callee.Pkg == m.ssaPkg() {
					callers[callee] = append(callers[callee], call)
					continue
				}
				if bc := m.blockingCall(call); bc != nil {
					add(bc)
				}
			}
		}
	}
	for len(work) > 0 {
		p := work[0]
		work = work[1:]
		fn, i := p.Parent(), paramIndex(p)
		for _, call := range callers[fn] {
			if i >= len(call.Call.Args) || m.isBlocking(call) {
				continue
			}
			arg := call.Call.Args[i]
			add(&BlockingCall{Call: call, API: sinks[p].api, Via: funcObject(fn), CtxArg: arg, Ctx: m.Context(arg)})
		}
	}
}

// isBlocking reports whether call is already a BlockingCall.
func (m *Model) isBlocking(call *ssa.Call) bool {
	for _, bc := range m.BlockingCalls {
		if bc.Call == call {
			return true
		}
	}
	return false
}

// funcObject returns the types.Func an SSA function declares, or nil for
// literals.
func funcObject(fn *ssa.Function) *types.Func {
	obj, _ := fn.Object().(*types.Func)
	return obj
}

// blockingCall returns the BlockingCall that call is, if it calls a known
// blocking API or a function of another package whose Summary says its
// context parameter reaches one.
func (m *Model) blockingCall(call *ssa.Call) *BlockingCall {
	fn := Callee(&call.Call)
	if fn == nil || call.Call.IsInvoke() {
		return nil
	}
	args := call.Call.Args
	if i, ok := blockingAPIs[apiKey(fn)]; ok && i < len(args) {
		return &BlockingCall{Call: call, API: FuncName(fn), CtxArg: args[i], Ctx: m.Context(args[i])}
	}
	var s Summary
	if !m.Pass.ImportObjectFact(fn, &s) {
		return nil
	}
	for _, p := range s.Params {
		if p.ReachesAPI != "" && p.Index < len(args) {
			return &BlockingCall{Call: call, API: p.ReachesAPI, Via: fn, CtxArg: args[p.Index], Ctx: m.Context(args[p.Index])}
		}
	}
	return nil
}
