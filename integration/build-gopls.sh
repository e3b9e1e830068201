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
# quick fixes; their flags come from $STRUCTLINT_FLAGS in gopls's
# environment, e.g. "-ctxmissing.timeout=10s"), requires this checkout
# through a replace, and builds.
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
	"crypto/sha256"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"

	structlint "github.com/structlint/structlint/analyzer"

	"golang.org/x/tools/gopls/internal/protocol"
)

// The analyzers run by default; gopls's "analyses" setting turns each off
// or on by name. Their flags come from the environment of gopls:
// STRUCTLINT_FLAGS="-leakedgo.strict -ctxmissing.timeout=10s".
func init() {
	if flags := strings.Fields(os.Getenv("STRUCTLINT_FLAGS")); len(flags) > 0 {
		if err := setStructlintFlags(flags); err != nil {
			log.Printf("STRUCTLINT_FLAGS: %v", err)
		}
		// gopls's file cache keys analysis results by analyzer name, not
		// flags: keep the results of each set of flags apart.
		dir := os.Getenv("GOPLSCACHE")
		if dir == "" {
			if d, err := os.UserCacheDir(); err == nil {
				dir = d
			} else {
				dir = os.TempDir()
			}
		}
		sum := sha256.Sum256([]byte(strings.Join(flags, " ")))
		os.Setenv("GOPLSCACHE", filepath.Join(dir, "gopls", fmt.Sprintf("structlint-%x", sum[:4])))
	}
	for _, a := range structlint.Suite {
		AllAnalyzers = append(AllAnalyzers, &Analyzer{
			analyzer:    a,
			actionKinds: []protocol.CodeActionKind{protocol.QuickFix},
			severity:    protocol.SeverityWarning,
		})
	}
}

func setStructlintFlags(flags []string) error {
	for _, arg := range flags {
		name, value, hasValue := strings.Cut(strings.TrimLeft(arg, "-"), "=")
		check, flag, ok := strings.Cut(name, ".")
		var set bool
		for _, a := range structlint.Suite {
			if ok && a.Name == check && a.Flags.Lookup(flag) != nil {
				if !hasValue {
					value = "true"
				}
				if err := a.Flags.Set(flag, value); err != nil {
					return fmt.Errorf("%s: %v", arg, err)
				}
				set = true
			}
		}
		if !set {
			return fmt.Errorf("%s: not a flag of a structlint check (-CHECK.FLAG=VALUE; turn checks on and off with gopls's \"analyses\" setting)", arg)
		}
	}
	return nil
}
GO

cd "$build"
go mod edit \
	-require=github.com/structlint/structlint@v0.0.0-00010101000000-000000000000 \
	-replace=github.com/structlint/structlint="$root"
go build -mod=mod -trimpath -o "$out" .
tools=$(go list -m -f '{{.Version}}' golang.org/x/tools)
echo "build-gopls: built $out: gopls $version, golang.org/x/tools $tools, $(go version | cut -d' ' -f3)" >&2
