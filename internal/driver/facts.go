package driver

import (
	"fmt"
	"go/types"
	"reflect"
	"sync"

	"golang.org/x/tools/go/analysis"
)

// Facts stay in memory, on the node of the package that exported them,
// keyed by the very types.Object or types.Package they describe: every
// package is type-checked once and its dependents import its
// *types.Package, so identities are shared and no encoding is needed.
// (When a finished package is shrunk, its facts move to the objects of
// the compact copy that its dependents import.)
//
// What a pass may see is what go/analysis/checker's inheritFacts passes
// down the import graph, one edge at a time: an object fact crosses an
// edge from package Q only if its object may appear in Q's export data
// (exportedFrom). So a pass sees the object facts of its own package,
// those of its direct imports that are exportedFrom there, and from
// indirect dependencies only those on methods, fields, types and
// constants, which pass every edge. It sees the package facts of its
// own package and of every dependency.

type objectFactKey struct {
	obj types.Object
	typ reflect.Type
}

// A factView gives the passes on one package their view of the facts.
type factView struct {
	node *node

	depsOnce sync.Once
	deps     map[*types.Package]depEdge // every dependency, direct or not
}

type depEdge struct {
	node   *node
	direct bool
}

// dependencies returns the package's dependencies by *types.Package,
// computed on first use: many analyzers never ask for facts.
func (v *factView) dependencies() map[*types.Package]depEdge {
	v.depsOnce.Do(func() {
		v.deps = make(map[*types.Package]depEdge)
		var visit func(n *node, direct bool)
		visit = func(n *node, direct bool) {
			if _, seen := v.deps[n.types]; !seen {
				v.deps[n.types] = depEdge{n, direct}
				for _, imp := range n.importList {
					visit(imp, false)
				}
			}
		}
		for _, imp := range v.node.importList {
			v.deps[imp.types] = depEdge{imp, true}
		}
		for _, imp := range v.node.importList {
			for _, indirect := range imp.importList {
				visit(indirect, false)
			}
		}
	})
	return v.deps
}

// objectFactSource returns the node whose facts about obj the pass may
// see, or nil.
func (v *factView) objectFactSource(obj types.Object) *node {
	if obj.Pkg() == v.node.types {
		return v.node
	}
	dep, ok := v.dependencies()[obj.Pkg()]
	if !ok || !dep.direct && !passesEveryEdge(obj) {
		return nil
	}
	return dep.node // its facts were filtered by exportedFrom when it finished
}

// connect installs the fact functions of pass, for the facts of its
// analyzer only. The returned function ends the pass: exporting after
// it panics, as the analysis.Pass documentation says.
func (v *factView) connect(pass *analysis.Pass) (finish func()) {
	n := v.node
	ownTypes := make(map[reflect.Type]bool)
	for _, f := range pass.Analyzer.FactTypes {
		ownTypes[reflect.TypeOf(f)] = true
	}
	done := false

	pass.ImportObjectFact = func(obj types.Object, ptr analysis.Fact) bool {
		if obj == nil {
			panic("nil object")
		}
		src := v.objectFactSource(obj)
		if src == nil {
			return false
		}
		fact, ok := src.objectFacts[objectFactKey{obj, factType(ptr)}]
		if ok {
			reflect.ValueOf(ptr).Elem().Set(reflect.ValueOf(fact).Elem())
		}
		return ok
	}
	pass.ExportObjectFact = func(obj types.Object, fact analysis.Fact) {
		if done {
			panic(fmt.Sprintf("%s: Pass.ExportObjectFact(%s, %T) called after Run", pass, obj, fact))
		}
		if obj.Pkg() != n.types {
			panic(fmt.Sprintf("%s: ExportObjectFact(%s, %T): can't set facts on objects belonging to another package", pass, obj, fact))
		}
		n.objectFacts[objectFactKey{obj, factType(fact)}] = fact
	}
	pass.ImportPackageFact = func(pkg *types.Package, ptr analysis.Fact) bool {
		if pkg == nil {
			panic("nil package")
		}
		src := n
		if pkg != n.types {
			dep, ok := v.dependencies()[pkg]
			if !ok {
				return false
			}
			src = dep.node
		}
		fact, ok := src.packageFacts[factType(ptr)]
		if ok {
			reflect.ValueOf(ptr).Elem().Set(reflect.ValueOf(fact).Elem())
		}
		return ok
	}
	pass.ExportPackageFact = func(fact analysis.Fact) {
		if done {
			panic(fmt.Sprintf("%s: Pass.ExportPackageFact(%T) called after Run", pass, fact))
		}
		n.packageFacts[factType(fact)] = fact
	}
	pass.AllObjectFacts = func() []analysis.ObjectFact {
		var all []analysis.ObjectFact
		add := func(src *node, direct bool) {
			for key, fact := range src.objectFacts {
				if ownTypes[key.typ] && (direct || passesEveryEdge(key.obj)) {
					all = append(all, analysis.ObjectFact{Object: key.obj, Fact: fact})
				}
			}
		}
		add(n, true)
		for _, dep := range v.dependencies() {
			add(dep.node, dep.direct)
		}
		return all
	}
	pass.AllPackageFacts = func() []analysis.PackageFact {
		var all []analysis.PackageFact
		add := func(src *node) {
			for typ, fact := range src.packageFacts {
				if ownTypes[typ] {
					all = append(all, analysis.PackageFact{Package: src.types, Fact: fact})
				}
			}
		}
		add(n)
		for _, dep := range v.dependencies() {
			add(dep.node)
		}
		return all
	}
	return func() { done = true }
}

func factType(fact analysis.Fact) reflect.Type {
	t := reflect.TypeOf(fact)
	if t == nil || t.Kind() != reflect.Pointer {
		panic(fmt.Sprintf("invalid Fact type: got %T, want pointer", fact))
	}
	return t
}

// exportedFrom reports whether obj may be visible to a package that
// imports pkg. It is go/analysis/checker's over-approximation of what
// export data holds: exported functions, all methods, fields, types and
// constants, and pkg's own variables (including parameters, which it
// cannot tell apart from locals).
func exportedFrom(obj types.Object, pkg *types.Package) bool {
	switch obj := obj.(type) {
	case *types.Func:
		return obj.Exported() && obj.Pkg() == pkg || obj.Signature().Recv() != nil
	case *types.Var:
		return obj.IsField() || obj.Pkg() == pkg
	case *types.TypeName, *types.Const:
		return true
	}
	return false
}

// passesEveryEdge reports whether exportedFrom(obj, q) holds for every
// package q, not only obj's own: so a fact about obj reaches indirect
// dependents.
func passesEveryEdge(obj types.Object) bool {
	switch obj := obj.(type) {
	case *types.Func:
		return obj.Signature().Recv() != nil
	case *types.Var:
		return obj.IsField()
	case *types.TypeName, *types.Const:
		return true
	}
	return false
}
