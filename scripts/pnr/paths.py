#!/usr/bin/env python3
"""Summarise nextpnr's critical path reports (from its log): per clock-pair report, total delay,
logic/routing split, logic levels (LUTs, carry hops, other cells), start and end cells."""
import re, sys
def cellname(s):
    return s.split()[-1]
for fn in sys.argv[1:]:
    lines = open(fn, errors='replace').read().splitlines()
    fm = [l for l in lines if 'Max frequency for clock' in l]
    print(f"== {fn}"); [print('  ' + l.split('Info: ')[-1].split('ERROR: ')[-1]) for l in fm[-1:]]
    i = 0
    while i < len(lines):
        l = lines[i]
        if 'Critical path report for' in l:
            title = l.split('Critical path report for ')[-1]
            rows = []; i += 2
            while i < len(lines) and re.match(r'Info:\s+(\S+)\s+[-\d.]+\s+[-\d.]+\s+(Source|Net|Setup)', lines[i]) or (i < len(lines) and re.match(r'Info:\s{20,}', lines[i])):
                m = re.match(r'Info:\s+(\S+)\s+([-\d.]+)\s+([-\d.]+)\s+(Source|Net|Setup)\s+(.*)', lines[i])
                if m: rows.append(m.groups())
                i += 1
            if not rows: continue
            total = float(rows[-1][2])
            logic = sum(float(r[1]) for r in rows if r[0] in ('logic', 'clk-to-q', 'setup'))
            route = sum(float(r[1]) for r in rows if r[0] == 'routing')
            srcs = [r[4] for r in rows if r[0] == 'logic']
            port = lambda s: s.rsplit('.', 1)[-1]
            carry = sum(1 for s in srcs if port(s) in ('FCO', 'COUT', 'CO'))
            dsp = [s for s in srcs if re.fullmatch(r'P\d+|O_\d+', port(s))]
            luts = len(srcs) - carry - len(dsp)
            start = rows[0][4]; end = [r for r in rows if r[0] in ('setup',)]
            print(f"  {title}: {total:.2f} ns (logic {logic:.2f}, routing {route:.2f} = {100*route/max(total,1e-9):.0f} %), "
                  f"{luts} LUT levels, {carry} carry hops, {len(dsp)} DSP")
            print(f"    from {start[:140]}")
            # last sink
            sinks = [lines[j] for j in range(i-40, i) if 'Sink' in lines[j]]
            if sinks: print(f"    to   {sinks[-1].split('Sink ')[-1][:140]}")
        else:
            i += 1
