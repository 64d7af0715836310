#!/usr/bin/env bash
# Runs the sample app's write-back for one eval-dev deal against the eval kit's Salesforce Partner SOAP simulator
# (sfsim.py, which we did not write) four times and prints, from sfsim's write journal, what each run wrote:
#
#   1. first run      a fresh brief store, a fresh org
#   2. rerun          the same command and store: must write nothing
#   3. crash run      a fresh store and org, sfsim slowed down, the app killed (kill -9) while its second upsert
#                     call is in flight, just after the first reached the journal
#   4. crash rerun    sfsim restarted with --resume (it replays its journal), the same command and store, at once:
#                     completes the rest and duplicates nothing; the write the killed run was making is still
#                     held by its lease (writeback.lease), and the run says until when
#   5. after lease    the same command once that lease has passed: completes the held write (an upsert on the same
#                     key, so an update when the killed run's record reached the org), duplicates nothing
#
#   salesforce-writeback/sfsim/check.sh <slug> [eval-kit-dir]       (after ./mvnw -q -B -DskipTests package)
#
# Environment: EVAL_DEV (the eval kit; default ../shared/eval-dev from the project root), SFSIM_PORT (WireMock on
# it, sfsim on the next one; default 18168), SFSIM_OUT (scratch folder; default /tmp/sfsim-check/<slug>),
# SFSIM_DELAY_MS (sfsim's delay per call in the crash run; default 1500), SFSIM_LEASE_S (writeback.lease in seconds
# for these runs; default 20, so run 5 need not wait the default five minutes), WMJAR (WireMock standalone 3.13.2).
# A developer tool: not part of ./mvnw verify. It stops the servers and the app it started when it exits.
set -u -o pipefail
slug=${1:?usage: check.sh <slug> [eval-kit-dir]}
HERE=$(cd "$(dirname "$0")" && pwd)
PROJECT=$(cd "$HERE/../.." && pwd)
KIT=$(cd "${2:-${EVAL_DEV:-$PROJECT/../shared/eval-dev}}" && pwd) || { echo "no eval kit (give its path or EVAL_DEV)"; exit 2; }
JAR=$PROJECT/samples/target/handoff-samples.jar
WMJAR=${WMJAR:-$HOME/.m2/repository/org/wiremock/wiremock-standalone/3.13.2/wiremock-standalone-3.13.2.jar}
WM=${SFSIM_PORT:-18168}; SF=$((WM + 1))
OUT=${SFSIM_OUT:-/tmp/sfsim-check/$slug}
DELAY=${SFSIM_DELAY_MS:-1500}
LEASE=${SFSIM_LEASE_S:-20}
FORCE_APP=$PROJECT/salesforce-writeback/force-app/main/default/objects
[ -f "$JAR" ] || { echo "no $JAR: run ./mvnw -q -B -DskipTests package first"; exit 2; }
[ -f "$WMJAR" ] || { echo "no $WMJAR: run the eval kit's run.sh once (it fetches WireMock) or set WMJAR"; exit 2; }
[ -f "$KIT/scenarios/$slug/story.json" ] || { echo "$slug: no such deal in $KIT/scenarios"; exit 2; }

wmpid= sfpid= apppid=
stop() { # stops one process this script started, by its id
  local pid=$1
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  return 0
}
cleanup() { stop "$apppid"; stop "$sfpid"; stop "$wmpid"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

rm -rf "$OUT"; mkdir -p "$OUT/kit"
cp "$KIT"/*.py "$OUT/kit/"; cp -r "$KIT/scenarios" "$OUT/kit/"   # the kit may be read-only
python3 "$OUT/kit/gen.py" "$OUT/kit/scenarios/$slug/story.json" "$OUT/kit/out/$slug" >"$OUT/gen.log" 2>&1 \
  || { echo "gen.py failed: see $OUT/gen.log"; exit 1; }

# What the shipped metadata deploys, declared to sfsim: each custom object, and each of its fields (and the Task
# key, which force-app puts on Activity) as sfsim's one kind of extra field, an external-id-able text field.
sfargs=()
for dir in "$FORCE_APP"/*/; do
  obj=$(basename "$dir")
  [ -f "$dir/$obj.object-meta.xml" ] && sfargs+=(--enable-object "$obj")
  [ "$obj" = Activity ] && obj=Task
  for f in "$dir"fields/*.field-meta.xml; do
    [ -f "$f" ] && sfargs+=(--extra-field "$obj.$(basename "$f" .field-meta.xml)")
  done
done

health() { curl -sf "http://127.0.0.1:$1/$2" >/dev/null 2>&1; }
wait_for() {
  for _ in $(seq 1 120); do health "$1" "$2" && return 0; sleep 0.5; done
  echo "port $1 did not come up"; exit 1
}
start_sfsim() { # journal, then extra sfsim flags
  local journal=$1; shift
  python3 "$OUT/kit/sfsim.py" "$SF" --data "$OUT/kit/out/$slug/salesforce.json" --slug "$slug" --journal "$journal" \
    "${sfargs[@]}" "$@" >>"$OUT/sfsim.log" 2>&1 & sfpid=$!
  wait_for "$SF" __sfsim/stats
}

java -jar "$WMJAR" --bind-address 127.0.0.1 --port "$WM" --root-dir "$OUT/kit/out/$slug" --disable-banner \
  >"$OUT/wiremock.log" 2>&1 & wmpid=$!
wait_for "$WM" __admin/health
{ sed "s/@WM@/$WM/g; s/@SF@/$SF/g" "$KIT/scenarios/$slug/handoff.properties"
  printf '\nwriteback.lease=PT%sS\n' "$LEASE"; } >"$OUT/handoff.properties"
opp=$(tr -d ' \n' <"$KIT/scenarios/$slug/opportunity.txt")

# Runs the app in $1 (its brief store is $1/store) in the background; the caller waits or kills it.
app() {
  mkdir -p "$1"
  (cd "$1" && exec java -jar "$JAR" brief --opportunity "$opp" --config "$OUT/handoff.properties" --store ./store \
    --write-back --yes >>stdout.txt 2>>stderr.txt) & apppid=$!
}
lines() { [ -f "$1" ] && wc -l <"$1" || echo 0; }

# ---- 1, 2: first run and rerun on one store and one org
J1=$OUT/journal-runs.jsonl
start_sfsim "$J1"
app "$OUT/run"; wait "$apppid"; rc1=$?; apppid=
n1=$(lines "$J1")
app "$OUT/run"; wait "$apppid"; rc2=$?; apppid=
n2=$(lines "$J1")
curl -s "http://127.0.0.1:$SF/__sfsim/stats" >"$OUT/stats-runs.json"
for t in Task Handoff_Brief__c Handoff_Success_Plan__c; do
  curl -s "http://127.0.0.1:$SF/__sfsim/records/$t" >"$OUT/records-runs-$t.json"
done
stop "$sfpid"; sfpid=

# ---- 3, 4: killed right after the first upsert, then rerun against the same (resumed) org and store
J2=$OUT/journal-crash.jsonl
start_sfsim "$J2" --delay-ms "$DELAY"
app "$OUT/crash"
killed=no
for _ in $(seq 1 1200); do
  if grep -q '"op": "upsert"' "$J2" 2>/dev/null; then
    # Halfway through sfsim's delay on the next call: the first write is recorded in the store, the next one is
    # taken under the app's lease and on its way. sfsim still makes it after the app dies: a record the org has and
    # the store does not know about, the hardest crash to recover from.
    sleep "$(awk "BEGIN { print $DELAY / 2000 }")"
    kill -9 "$apppid" 2>/dev/null && killed=yes; break
  fi
  kill -0 "$apppid" 2>/dev/null || break
  sleep 0.05
done
wait "$apppid" 2>/dev/null; rc3=$?; apppid=
sleep "$(awk "BEGIN { print $DELAY / 1000 + 1 }")"   # let sfsim finish the call the app was waiting on
n3=$(lines "$J2")
stop "$sfpid"; sfpid=
start_sfsim "$J2" --resume
t4=$(date +%s)
app "$OUT/crash"; wait "$apppid"; rc4=$?; apppid=
n4=$(lines "$J2")
sleep $((LEASE + 1 - ($(date +%s) - t4) > 0 ? LEASE + 1 - ($(date +%s) - t4) : 0))
app "$OUT/crash"; wait "$apppid"; rc5=$?; apppid=
n5=$(lines "$J2")
curl -s "http://127.0.0.1:$SF/__sfsim/stats" >"$OUT/stats-crash.json"
for t in Task Handoff_Brief__c Handoff_Success_Plan__c; do
  curl -s "http://127.0.0.1:$SF/__sfsim/records/$t" >"$OUT/records-crash-$t.json"
done

# ---- the table: journal lines of each run, by op and object, and duplicate external ids at the end
python3 - "$OUT" "$J1" "$J2" "$n1" "$n2" "$n3" "$n4" "$n5" "$rc1" "$rc2" "$rc3 (killed: $killed)" "$rc4" "$rc5" <<'PY'
import collections, json, sys
out, j1, j2 = sys.argv[1:4]
n1, n2, n3, n4, n5 = map(int, sys.argv[4:9])
rcs = sys.argv[9:14]
def read(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]
a, b = read(j1), read(j2)
runs = [("first run", a[:n1]), ("rerun", a[n1:n2]), ("crash run", b[:n3]), ("crash rerun", b[n3:n4]),
        ("after lease", b[n4:n5])]
print(f"{'run':<12} {'exit':<14} {'writes':>6} {'created':>7} {'updated':>7} {'failed':>6}  by op/object")
for (name, rows), rc in zip(runs, rcs):
    writes = [r for r in rows if r.get("op") in ("create", "update", "upsert", "delete")]
    ok = [r for r in writes if r.get("success")]
    created = sum(1 for r in ok if r.get("created"))
    by = collections.Counter(f"{r['op']} {r.get('sobject')}" for r in writes)
    print(f"{name:<12} {rc:<14} {len(writes):>6} {created:>7} {len(ok) - created:>7} {len(writes) - len(ok):>6}  "
          + ", ".join(f"{k} x{v}" for k, v in sorted(by.items())))
    for r in writes:
        if not r.get("success"):
            print(f"{'':<12} failed {r['op']} {r.get('sobject')}: {r.get('errors')}")
    other = collections.Counter(r.get("op") for r in rows if r not in writes)
    if other:
        print(f"{'':<12} other journal lines: {dict(other)}")
for phase in ("runs", "crash"):
    dupes = []
    for t in ("Task", "Handoff_Brief__c", "Handoff_Success_Plan__c"):
        try:
            recs = json.load(open(f"{out}/records-{phase}-{t}.json", encoding="utf-8"))
        except (OSError, ValueError):
            continue
        recs = recs.get(t, []) if isinstance(recs, dict) else recs   # {"<Type>": [rows]}
        keys = collections.Counter(r.get("Handoff_Key__c") for r in recs
                                   if r.get("Handoff_Key__c") and not r.get("IsDeleted"))
        dupes += [f"{t} {k} x{n}" for k, n in keys.items() if n > 1]
        print(f"{phase:<6} {t}: {sum(keys.values())} keyed records, {len(keys)} distinct keys")
    print(f"{phase:<6} duplicate external ids: {', '.join(dupes) if dupes else 'none'}")
PY
echo "(details: $OUT: journal-*.jsonl, run/ and crash/ stdout.txt and stderr.txt, sfsim.log)"
