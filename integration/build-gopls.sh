#!/usr/bin/env bash
# build-gopls.sh builds gopls with structlint's analyzers, offline but for
# the Go module proxy.
#
# Usage: integration/build-gopls.sh OUTPUT
#
# gopls cannot load third-party analyzers (golang/go#59869), so this copies
# gopls's module source from the module cache, adds one file to its
# internal/settings package whose init appends structlint's analyzers to
# settings.AllAnalyzers (enabled by default; their suggested fixes are
# quick fixes), requires this checkout through a replace, and builds.
# golang.org/x/tools stays at gopls's own version, which is newer than the
# v0.51.0 structlint requires.
#
# GOPLS_VERSION picks the gopls release (default v0.24.0, which needs Go
# 1.27: the script sets GOTOOLCHAIN=go1.27.3 unless GOTOOLCHAIN is set, and
# the go command fetches that toolchain from the module proxy).
set -euo pipefail

out=${1:?usage: build-gopls.sh OUTPUT}
case $out in /*) ;; *) out=$PWD/$out ;; esac
root=$(cd "$(dirname "$0")/.." && pwd)
version=${GOPLS_VERSION:-v0.24.0}
export GOTOOLCHAIN=${GOTOOLCHAIN:-go1.27.3}
export GOFLAGS=${GOFLAGS:-}
export GOFLAGS="$GOFLAGS -buildvcs=false"

dir=$(go mod download -json "golang.org/x/tools/gopls@$version" | sed -n 's/^	"Dir": "\(.*\)",$/\1/p')
[ -d "$dir" ] || { echo "build-gopls: no source for gopls $version" >&2; exit 1; }

build=$(mktemp -d "${TMPDIR:-/tmp}/gopls-structlint.XXXXXX")
trap 'chmod -R u+w "$build"; rm -rf "$build"' EXIT
cp -r "$dir/." "$build"
chmod -R u+w "$build"

cat >"$build/internal/settings/structlint.go" <<'GO'
// This file is not part of gopls: structlint's integration/build-gopls.sh
// adds it to register structlint's analyzers.

package settings

import (
	structlint "github.com/structlint/structlint/analyzer"

	"golang.org/x/tools/gopls/internal/protocol"
)

func init() {
	for _, a := range structlint.Suite {
		AllAnalyzers = append(AllAnalyzers, &Analyzer{
			analyzer:    a,
			actionKinds: []protocol.CodeActionKind{protocol.QuickFix},
			severity:    protocol.SeverityWarning,
		})
	}
}
GO

cd "$build"
go mod edit \
	-require=github.com/structlint/structlint@v0.0.0-00010101000000-000000000000 \
	-replace=github.com/structlint/structlint="$root"
go build -mod=mod -trimpath -o "$out" .
tools=$(go list -m -f '{{.Version}}' golang.org/x/tools)
echo "build-gopls: built $out: gopls $version, golang.org/x/tools $tools, $(go version | cut -d' ' -f3)" >&2
