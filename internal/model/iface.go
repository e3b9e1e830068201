package model

import "golang.org/x/tools/go/ssa"

// exportInterfaceSummaries exports, on a method of an interface the
// package declares, that a context parameter reaches a blocking API, when
// the package implements the interface and every implementation's method
// says so (a type that embeds the interface forwards to another, and does
// not count). Generated gRPC clients are the case in point: callers hold the
// FooClient interface that NewFooClient returns, and the package's
// fooClient, which invokes the RPC, is its only implementation.
func (m *Model) exportInterfaceSummaries(reaches map[*ssa.Parameter]string) {
	for im, fns := range m.impls {
		if im.Pkg() != m.Pass.Pkg {
			continue
		}
		var s *ParamSummary
		for _, fn := range fns {
			var ps *ParamSummary
			for i, p := range fn.Params {
				if reaches[p] != "" {
					ps = &ParamSummary{Index: i, ReachesAPI: reaches[p]}
					break
				}
			}
			if ps == nil || s != nil && s.Index != ps.Index {
				s = nil
				break
			}
			s = ps
		}
		if s != nil {
			m.Pass.ExportObjectFact(im, &Summary{Params: []ParamSummary{*s}})
		}
	}
}
