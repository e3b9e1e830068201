package model

import "golang.org/x/tools/go/ssa"

// exportInterfaceSummaries exports, on a method of an interface the
// package declares and implements, what holds of every implementation
// there (a type that embeds the interface forwards to another, and does
// not count):
//   - that a context parameter reaches a blocking API. Generated gRPC
//     clients are the case in point: callers hold the FooClient interface
//     that NewFooClient returns, and the package's fooClient, which invokes
//     the RPC, is its only implementation.
//   - that a context parameter is only read for values (see ValuesOnly): a
//     tenant resolver that looks the tenant up in the context.
//
// and what holds of one implementation at least: that it observes a
// context parameter's cancellation (see Observes).
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
		var params []ParamSummary
		if s != nil {
			params = append(params, *s)
		}
		for i, p := range fns[0].Params {
			if i == 0 || !IsContext(p.Type()) {
				continue
			}
			ps := ParamSummary{Index: i, ValuesOnly: m.methodValuesOnly(im, i), Observes: m.implsObserve(im, i)}
			if !ps.ValuesOnly && !ps.Observes {
				continue
			}
			if s != nil && s.Index == i {
				params[0].ValuesOnly, params[0].Observes = ps.ValuesOnly, ps.Observes
				continue
			}
			params = append(params, ps)
		}
		if len(params) > 0 {
			m.Pass.ExportObjectFact(im, &Summary{Params: params})
		}
	}
}
