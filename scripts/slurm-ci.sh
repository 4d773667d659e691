#!/usr/bin/env bash
# A real single-node Slurm on this machine, for `spoon sweep` (issue 13): installs Debian's
# slurm-wlm and munge if absent, starts munged, slurmctld and slurmd on a generated
# configuration (private state folder, ports 16817/16818, localhost), submits a 4-point sweep
# as a 2-task job array (`spoon sweep slurm --submit`), waits for it, merges it, and checks that
# the merged table is byte-identical to the same sweep run locally. Stops the daemons it
# started, whatever happens. Run from the repository's root, as root (daemons and apt-get).
set -euo pipefail

ROOT=$(pwd)
WORK=${SLURM_CI_DIR:-$ROOT/build/slurm-ci}
SPEC=sweep/examples/tiny.toml
TIMEOUT=${SLURM_CI_TIMEOUT:-150}
SPOON=$ROOT/target/release/spoon

log() { echo "slurm-ci: $*" >&2; }
fail() { log "FAILED: $*"; exit 1; }

[ -f "$SPEC" ] || fail "run from the repository's root ($SPEC not found)"
if [ "$(id -u)" != 0 ]; then
    # The daemons run as root here (and apt-get needs it): again under sudo, if there is one.
    command -v sudo >/dev/null || fail "needs root (apt-get, and the daemons run as root here)"
    exec sudo --preserve-env=PATH,HOME,SLURM_CI_DIR,SLURM_CI_TIMEOUT bash "$0" "$@"
fi

if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
    log "installing slurm-wlm and munge"
    apt-get update || log "apt-get update failed; trying the package lists already here"
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends slurm-wlm munge
fi
[ -x "$SPOON" ] || cargo build --release -p spoon

rm -rf "$WORK"
mkdir -p "$WORK"/{munge,state,spool,log}
chmod 700 "$WORK/munge"
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${PIDS[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
}
trap cleanup EXIT

# munge: a fresh key and a private socket.
dd if=/dev/urandom of="$WORK/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$WORK/munge/munge.key"
SOCKET=$WORK/munge/munge.socket
munged --foreground --force --socket="$SOCKET" --key-file="$WORK/munge/munge.key" \
    --pid-file="$WORK/munge/munged.pid" --log-file="$WORK/log/munged.log" \
    --seed-file="$WORK/munge/munged.seed" >"$WORK/log/munged.out" 2>&1 &
PIDS+=($!)
for _ in $(seq 50); do [ -S "$SOCKET" ] && break; sleep 0.1; done
[ -S "$SOCKET" ] || fail "munged did not start: $(tail -5 "$WORK/log/munged.log" 2>/dev/null)"

HOST=$(hostname -s)
NODE=$(slurmd -C | head -1 | sed "s/^NodeName=[^ ]*/NodeName=$HOST NodeAddr=127.0.0.1/")
export SLURM_CONF=$WORK/slurm.conf
cat > "$SLURM_CONF" <<CONF
ClusterName=spoonci
SlurmctldHost=$HOST(127.0.0.1)
SlurmctldPort=16817
SlurmdPort=16818
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$SOCKET
CredType=cred/munge
StateSaveLocation=$WORK/state
SlurmdSpoolDir=$WORK/spool
SlurmctldPidFile=$WORK/slurmctld.pid
SlurmdPidFile=$WORK/slurmd.pid
SlurmctldLogFile=$WORK/log/slurmctld.log
SlurmdLogFile=$WORK/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MinJobAge=600
MpiDefault=none
$NODE State=UNKNOWN
PartitionName=ci Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF

slurmctld -D -i -f "$SLURM_CONF" >"$WORK/log/slurmctld.out" 2>&1 &
PIDS+=($!)
slurmd -D -f "$SLURM_CONF" >"$WORK/log/slurmd.out" 2>&1 &
PIDS+=($!)
for _ in $(seq 100); do
    sinfo -h -o %T 2>/dev/null | grep -qE '^(idle|mixed|allocated)' && break
    sleep 0.2
done
sinfo -h -o %T 2>/dev/null | grep -qE '^(idle|mixed|allocated)' ||
    fail "the node did not come up: $(sinfo 2>&1 | tail -2); slurmctld: $(tail -3 "$WORK/log/slurmctld.log"); slurmd: $(tail -3 "$WORK/log/slurmd.log")"
log "Slurm up: $(sinfo -h -o '%P %D %T %c')"

START=$(date +%s)
"$SPOON" sweep slurm "$SPEC" --out "$WORK/cluster" --shards 2 --submit | tee "$WORK/submit.txt"
JOB=$(sed -n 's/^submitted job \([0-9]*\).*/\1/p' "$WORK/submit.txt")
[ -n "$JOB" ] || fail "no job id from sbatch"
while squeue -h -j "$JOB" 2>/dev/null | grep -q .; do
    [ $(($(date +%s) - START)) -lt "$TIMEOUT" ] || fail "job $JOB still queued or running after ${TIMEOUT}s: $(squeue -j "$JOB")"
    sleep 1
done
STATES=$(scontrol -o show job "$JOB" | grep -o 'JobState=[A-Z_]*' | sort | uniq -c)
log "job $JOB done in $(($(date +%s) - START)) s: $(echo $STATES)"
[ "$(scontrol -o show job "$JOB" | grep -c 'JobState=COMPLETED')" = 2 ] ||
    fail "not every array task completed: $STATES; logs: $(cat "$WORK"/cluster/logs/* | tail -20)"

"$SPOON" sweep merge "$WORK/cluster" >/dev/null
"$SPOON" sweep run "$SPEC" --out "$WORK/local" --jobs 2 >/dev/null 2>&1
"$SPOON" sweep merge "$WORK/local" >/dev/null
for f in table.csv table.json; do
    cmp "$WORK/cluster/$f" "$WORK/local/$f" || fail "$f differs between the cluster and the local run"
done
ROWS=$(($(wc -l < "$WORK/local/table.csv") - 1))
[ "$ROWS" -ge 4 ] || fail "only $ROWS points"
log "PASS: $ROWS points in 2 array tasks on Slurm; merged table.csv and table.json byte-identical to the local run ($(($(date +%s) - START)) s)"
