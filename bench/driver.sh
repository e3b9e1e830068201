#!/usr/bin/env bash
# Benchmark of structlint's standalone driver, with cold caches, on the
# concurrency-heavy std packages. Not part of CI: it takes minutes.
#
#	bench/driver.sh            # 3 runs of each tool
#	RUNS=5 bench/driver.sh
#	MODDIR=/path/to/module PKGS=./... bench/driver.sh   # another module
#	TOOLS="structlint baseline" bench/driver.sh        # some of the tools
#
# Tools, each run as "tool $PKGS" in MODDIR (default: the module root):
#	structlint  cmd/structlint, the real suite
#	standin     the structlint driver with a stand-in suite: SSA, a fact
#	            per function, callees' facts read (bench/standin)
#	baseline    the plain x/tools checker (singlechecker) with an analyzer
#	            that builds SSA and exports a fact per package (bench/baseline)
#	staticcheck honnef.co/go/tools/cmd/staticcheck v0.8.2
#
# Every run gets an empty GOCACHE and an empty staticcheck cache
# ($XDG_CACHE_HOME/staticcheck); the tools are built before that.
#
# Wall time is what the targets are about; CPU time (user+sys, the tool
# and its children) is printed too, because on a shared machine it
# varies much less with the load than wall time does.
#
# Peak RSS is reported two ways. "rss" is GNU time's %M: the peak of the
# largest single process of the run (Linux reports the maximum over the
# process and its children, not their sum). "tree" is the peak of the
# summed RSS of the whole process tree (the tool, go list, and what go
# list runs: cgo, and for staticcheck's go list -export the compiler),
# sampled with ps every 0.2 s, so it can miss short spikes.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-3}
PKGS=${PKGS:-"net/http net os/exec database/sql context sync io os time log/slog"}
MODDIR=${MODDIR:-$PWD}
TOOLS=${TOOLS:-"structlint standin baseline staticcheck"}

if [ ! -x /usr/bin/time ]; then
	apt-get update -qq && apt-get install -y -qq time >/dev/null
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "== building the tools"
go build -o "$work/bin/structlint" ./cmd/structlint
go build -o "$work/bin/standin" ./bench/standin
go build -o "$work/bin/baseline" ./bench/baseline
GOBIN="$work/bin" GOFLAGS=-mod=mod go install honnef.co/go/tools/cmd/staticcheck@v0.8.2
rm -rf "${XDG_CACHE_HOME:-$HOME/.cache}/staticcheck"

# treepeak PID: the peak summed RSS, in KB, of PID and its descendants.
treepeak() {
	local root=$1 peak=0 sum
	while kill -0 "$root" 2>/dev/null; do
		sum=$(ps -e -o pid=,ppid=,rss= | awk -v root="$root" '
			{ parent[$1] = $2; rss[$1] = $3 }
			END {
				in_tree[root] = 1
				do {
					grew = 0
					for (p in parent) if (!(p in in_tree) && (parent[p] in in_tree)) { in_tree[p] = 1; grew = 1 }
				} while (grew)
				for (p in in_tree) total += rss[p]
				print total + 0
			}')
		[ "$sum" -gt "$peak" ] && peak=$sum
		sleep 0.2
	done
	echo "$peak"
}

# measure TOOL RUN: one cold run; appends "tool wall rssKB treeKB exit cpu" to results.
measure() {
	local tool=$1 run=$2 dir="$work/run-$1-$2"
	mkdir -p "$dir/gocache" "$dir/xdg"
	(cd "$MODDIR" && GOCACHE="$dir/gocache" XDG_CACHE_HOME="$dir/xdg" \
		exec /usr/bin/time -f "%e %M %x %U %S" -o "$dir/time" "$work/bin/$tool" $PKGS) >"$dir/stdout" 2>"$dir/stderr" &
	local tree
	tree=$(treepeak $!)
	wait $! || true
	local wall rss exit user sys cpu
	read -r wall rss exit user sys < <(tail -1 "$dir/time") # after "Command exited with non-zero status", if any
	cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')
	echo "$tool $wall $rss $tree $exit $cpu" >>"$work/results"
	printf '%-12s run %d: %6.2f s  cpu %6.2f s  rss %5d MB  tree %5d MB  exit %s  (load %s)\n' \
		"$tool" "$run" "$wall" "$cpu" $((rss / 1024)) $((tree / 1024)) "$exit" "$(cut -d' ' -f1 /proc/loadavg)"
	rm -rf "$dir"
}

echo "== $RUNS cold runs of each tool on: $PKGS (in $MODDIR)"
echo "   (machine: $(nproc) CPUs; load average at start: $(cut -d' ' -f1-3 /proc/loadavg))"
for run in $(seq "$RUNS"); do
	for tool in $TOOLS; do
		measure "$tool" "$run"
	done
done

echo
echo "== medians"
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
declare -A wall cpu rss tree
printf '%-12s %10s %10s %10s %10s\n' tool "wall (s)" "cpu (s)" "rss (MB)" "tree (MB)"
for tool in $TOOLS; do
	wall[$tool]=$(awk -v t="$tool" '$1 == t { print $2 }' "$work/results" | median)
	cpu[$tool]=$(awk -v t="$tool" '$1 == t { print $6 }' "$work/results" | median)
	rss[$tool]=$(awk -v t="$tool" '$1 == t { print $3 / 1024 }' "$work/results" | median)
	tree[$tool]=$(awk -v t="$tool" '$1 == t { print $4 / 1024 }' "$work/results" | median)
	printf '%-12s %10.2f %10.2f %10.0f %10.0f\n' "$tool" "${wall[$tool]}" "${cpu[$tool]}" "${rss[$tool]}" "${tree[$tool]}"
done

echo
echo "== ratios (targets: wall <= 1.0x baseline; rss <= staticcheck)"
for tool in structlint standin; do
	[ -n "${wall[$tool]:-}" ] || continue
	awk -v t="$tool" -v w="${wall[$tool]}" -v wb="${wall[baseline]:-0}" -v ws="${wall[staticcheck]:-0}" \
		-v c="${cpu[$tool]}" -v cb="${cpu[baseline]:-0}" -v cs="${cpu[staticcheck]:-0}" \
		-v r="${rss[$tool]}" -v rs="${rss[staticcheck]:-0}" -v tr="${tree[$tool]}" -v ts="${tree[staticcheck]:-0}" '
	function ratio(name, a, b) { if (b > 0) printf "  %s %.2f", name, a / b }
	BEGIN {
		printf "%-12s", t
		ratio("wall/baseline", w, wb); ratio("wall/staticcheck", w, ws)
		ratio("cpu/baseline", c, cb); ratio("cpu/staticcheck", c, cs)
		ratio("rss/staticcheck", r, rs); ratio("tree/staticcheck", tr, ts)
		printf "\n"
	}'
done
