package model

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// Drivers is the package fact that says what database/sql drivers a
// package brings into a program, itself or through its imports, and
// whether it can reach the network.
//
// A database/sql call waits on its driver. A driver that never touches the
// network (an embedded SQLite) waits only on local work and on its own
// lock timeouts, so a call with no deadline cannot hang on a server that
// never answers. Drivers register themselves with sql.Register when their
// package is imported, so the drivers a package's calls can reach are those
// its import graph registers. When that graph registers drivers and none of
// them reaches the network, the package's database/sql calls are local and
// ctxmissing does not call them blocking. When it registers none, the
// driver is its importer's choice, and the calls count as they always did.
type Drivers struct {
	// Net: the package imports net, directly or through its imports.
	Net bool
	// Local and Remote: the package or one of its imports registers a
	// driver whose package does not reach the network, or one whose does
	// (or whose reach is not known).
	Local, Remote bool
}

func (*Drivers) AFact() {}

func (d *Drivers) String() string {
	s := "drivers"
	for _, f := range []struct {
		on   bool
		name string
	}{{d.Net, "net"}, {d.Local, "local"}, {d.Remote, "remote"}} {
		if f.on {
			s += " " + f.name
		}
	}
	return s
}

// findDrivers computes the package's Drivers from its imports' and its own
// calls of sql.Register, and exports it.
func (m *Model) findDrivers(fns []*ssa.Function) {
	d := new(Drivers)
	for _, imp := range m.Pass.Pkg.Imports() {
		var f Drivers
		switch {
		case imp.Path() == "net":
			d.Net = true
		case imp.Path() == "unsafe":
		case !m.Pass.ImportPackageFact(imp, &f):
			// Not analysed: assume the worst of it.
			f = Drivers{Net: true, Remote: true}
		}
		d.Net = d.Net || f.Net
		d.Local = d.Local || f.Local
		d.Remote = d.Remote || f.Remote
	}
	for _, fn := range fns {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(*ssa.Call)
				if !ok || !IsFunc(Callee(call.Common()), "database/sql", "Register") || len(call.Call.Args) != 2 {
					continue
				}
				if m.driverNet(call.Call.Args[1], d) {
					d.Remote = true
				} else {
					d.Local = true
				}
			}
		}
	}
	m.drivers = d
	m.Pass.ExportPackageFact(d)
}

// driverNet reports whether the driver v, given to sql.Register, may reach
// the network: whether the package that declares its type does, as far as
// this package's own Drivers (here) and its imports' facts say.
func (m *Model) driverNet(v ssa.Value, here *Drivers) bool {
	v = concrete(v)
	named, ok := types.Unalias(deref(v.Type())).(*types.Named)
	if !ok || named.Obj().Pkg() == nil {
		return true
	}
	pkg := named.Obj().Pkg()
	if pkg == m.Pass.Pkg {
		return here.Net
	}
	var f Drivers
	return !m.Pass.ImportPackageFact(pkg, &f) || f.Net
}

// localSQL reports whether every database/sql driver the package can reach
// is local (see Drivers), so that its database/sql calls cannot wait on a
// server.
func (m *Model) localSQL() bool { return m.drivers.Local && !m.drivers.Remote }
