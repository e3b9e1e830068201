#!/usr/bin/env bash
# build-golangci-lint.sh builds golangci-lint with the structlint module
# plugin, offline but for the Go module proxy.
#
# Usage: integration/build-golangci-lint.sh OUTPUT
#
# It runs `golangci-lint custom` for real, on the .custom-gcl.yml the README
# shows. That command clones golangci-lint from GitHub; here its clone is
# pointed (git's url.<base>.insteadOf, through GIT_CONFIG_* variables, so no
# git configuration is touched) at a local repository made from the
# golangci-lint module that the Go module proxy serves, tagged with its
# version. The stock golangci-lint that runs `custom` is built from the same
# module. GOLANGCI_LINT_VERSION picks the release (default v2.15.0).
set -euo pipefail

out=${1:?usage: build-golangci-lint.sh OUTPUT}
case $out in /*) ;; *) out=$PWD/$out ;; esac
root=$(cd "$(dirname "$0")/.." && pwd)
version=${GOLANGCI_LINT_VERSION:-v2.15.0}
module=github.com/golangci/golangci-lint/v2
export GOFLAGS=${GOFLAGS:-}
export GOFLAGS="$GOFLAGS -buildvcs=false"

build=$(mktemp -d "${TMPDIR:-/tmp}/golangci-lint-structlint.XXXXXX")
trap 'chmod -R u+w "$build"; rm -rf "$build"' EXIT

# The stock golangci-lint, which runs `custom`.
GOBIN=$build/bin go install "$module/cmd/golangci-lint@$version"

# A local repository with the module's source, tagged as upstream is.
dir=$(go mod download -json "$module@$version" | sed -n 's/^	"Dir": "\(.*\)",$/\1/p')
[ -d "$dir" ] || { echo "build-golangci-lint: no source for $module@$version" >&2; exit 1; }
repo=$build/golangci-lint.git
cp -r "$dir/." "$repo"
chmod -R u+w "$repo"
git -C "$repo" init -q
git -C "$repo" add -A
git -C "$repo" -c user.name=structlint -c user.email=structlint@localhost \
	commit -q -m "golangci-lint $version from the Go module proxy"
git -C "$repo" tag "$version"

# The README's .custom-gcl.yml, with this checkout as the plugin's path.
mkdir -p "$build/custom"
cat >"$build/custom/.custom-gcl.yml" <<YAML
version: $version
name: $(basename "$out")
destination: $(dirname "$out")
plugins:
  - module: github.com/structlint/structlint
    import: github.com/structlint/structlint/plugin/golangci
    path: $root
YAML

cd "$build/custom"
GIT_CONFIG_COUNT=2 \
	GIT_CONFIG_KEY_0="url.file://$repo.insteadOf" \
	GIT_CONFIG_VALUE_0=https://github.com/golangci/golangci-lint.git \
	GIT_CONFIG_KEY_1=protocol.file.allow GIT_CONFIG_VALUE_1=always \
	"$build/bin/golangci-lint" custom -v
echo "build-golangci-lint: built $out: $("$out" version 2>&1 | head -1)" >&2
