//! `spoon mutate`: the mutation harness of the lock-step bench. The catalogue of single-point
//! mutations of the CI slice's emitted Verilog (`testbench::mutate`), each mutant built and run
//! against the CI slice in a child process of its own (a simulation that aborts or hangs is
//! contained), results cached per mutant so a long run resumes, reports in JSON and Markdown.

use crate::mutate_report::{self, Entry, Equivalent, Run};
use anyhow::{bail, Context, Result};
use std::collections::BTreeMap;
use std::io::Read;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use testbench::mutate::{self, Mutation, Outcome};

#[derive(Debug, clap::Args)]
pub struct MutateArgs {
    /// Run N mutants drawn with --seed, spread over the blocks (default: the whole catalogue).
    #[arg(long, value_name = "N")]
    pub sample: Option<usize>,
    /// Seed of the sample.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Run only these mutants (ids as listed by --list); repeatable.
    #[arg(long, value_name = "ID")]
    pub only: Vec<String>,
    /// Print the catalogue (id, line, edit) and its counts per block and kind; run nothing.
    #[arg(long)]
    pub list: bool,
    /// Directory of report.json and report.md.
    #[arg(long, value_name = "DIR", default_value = "build/mutate")]
    pub out: PathBuf,
    /// Mutants argued equivalent (TOML: [[equivalent]] id, reason); left out of the kill rate.
    #[arg(
        long,
        value_name = "FILE",
        default_value = "testbench/mutants/equivalent.toml"
    )]
    pub equivalent: PathBuf,
    /// Split directory of the slice's MNIST suite.
    #[arg(long, value_name = "DIR", default_value = crate::dataset_arg::DEFAULT_DATA)]
    pub data: PathBuf,
    /// Seconds one mutant may take (build and run) before it is stopped and counted a timeout.
    #[arg(long, default_value_t = 900)]
    pub timeout: u64,
    /// Ignore cached results (they are still written).
    #[arg(long)]
    pub fresh: bool,
    /// Internal: run this one mutant in this process and print its outcome as JSON.
    #[arg(long, value_name = "ID", hide = true)]
    pub worker: Option<String>,
}

pub fn run(args: MutateArgs) -> Result<()> {
    let config = mutate::slice_config();
    let verilog = mutate::emitted_verilog(&config).context("emitting the slice's Verilog")?;
    let catalogue = mutate::catalogue(&verilog);
    if let Some(id) = &args.worker {
        return worker(&args, &verilog, &find(&catalogue, id)?);
    }
    if args.list {
        return list(&catalogue, &verilog);
    }
    crate::out_dir::prepare(&args.out, &["report.json", "report.md"])?;
    let equivalent = Equivalent::load(&args.equivalent)?;
    let chosen = choose(&args, &catalogue)?;
    println!(
        "catalogue: {} mutants of the CI slice's Verilog ({} blocks); running {}",
        catalogue.len(),
        blocks(&catalogue).len(),
        chosen.len()
    );
    let mut run = Run::new(&args_line(&args), &verilog, catalogue.len(), &chosen);
    for (k, m) in chosen.iter().enumerate() {
        let (outcome, seconds, cached) = outcome_of(&args, &verilog, m)?;
        println!(
            "[{}/{}] {}",
            k + 1,
            chosen.len(),
            mutate_report::line(m, &outcome, seconds, cached)
        );
        run.entries.push(Entry {
            mutation: m.clone(),
            outcome,
            seconds,
            cached,
        });
        mutate_report::write(&args.out, &run, &verilog, &equivalent)?;
    }
    println!("{}", mutate_report::summary(&run, &equivalent));
    println!("reports: {}", args.out.join("report.md").display());
    Ok(())
}

fn find(catalogue: &[Mutation], id: &str) -> Result<Mutation> {
    match catalogue.iter().find(|m| m.id == id) {
        Some(m) => Ok(m.clone()),
        None => bail!("no mutant `{id}` in the catalogue (spoon mutate --list)"),
    }
}

fn choose(args: &MutateArgs, catalogue: &[Mutation]) -> Result<Vec<Mutation>> {
    if !args.only.is_empty() {
        return args.only.iter().map(|id| find(catalogue, id)).collect();
    }
    Ok(match args.sample {
        Some(n) => mutate::sample(catalogue, n, args.seed),
        None => catalogue.to_vec(),
    })
}

fn blocks(catalogue: &[Mutation]) -> BTreeMap<&str, BTreeMap<&'static str, usize>> {
    let mut out: BTreeMap<&str, BTreeMap<&'static str, usize>> = BTreeMap::new();
    for m in catalogue {
        *out.entry(&m.block)
            .or_default()
            .entry(m.kind.name())
            .or_default() += 1;
    }
    out
}

fn list(catalogue: &[Mutation], verilog: &str) -> Result<()> {
    for m in catalogue {
        println!("{:<36} {:>5}  {}", m.id, m.line, m.describe(verilog));
    }
    println!("\n{:<28} mutants by kind", "block");
    for (block, kinds) in blocks(catalogue) {
        let total: usize = kinds.values().sum();
        let each: Vec<String> = kinds.iter().map(|(k, n)| format!("{k} {n}")).collect();
        println!("{block:<28} {total:>5}  {}", each.join(", "));
    }
    println!("{} mutants", catalogue.len());
    Ok(())
}

/// The command line, for the report.
fn args_line(args: &MutateArgs) -> String {
    let mut s = String::from("spoon mutate");
    if let Some(n) = args.sample {
        s += &format!(" --sample {n} --seed {}", args.seed);
    }
    for id in &args.only {
        s += &format!(" --only {id}");
    }
    s
}

/// In the child: build and run one mutant, print its outcome as one JSON line.
fn worker(args: &MutateArgs, verilog: &str, m: &Mutation) -> Result<()> {
    let text = m.apply(verilog);
    let outcome = mutate::run_mutant(&mutate::slice_config(), &text, &args.data, false);
    println!("{}", serde_json::to_string(&outcome)?);
    Ok(())
}

/// The cached outcome, or a child process's.
fn outcome_of(args: &MutateArgs, verilog: &str, m: &Mutation) -> Result<(Outcome, f64, bool)> {
    let text = m.apply(verilog);
    if !args.fresh {
        if let Some((outcome, seconds)) = cached(&text)? {
            return Ok((outcome, seconds, true));
        }
    }
    let started = Instant::now();
    let outcome = child(args, &m.id)?;
    let seconds = started.elapsed().as_secs_f64();
    let path = cache_path(&text, mutate::BENCH_VERSION)?;
    std::fs::write(&path, serde_json::to_string(&(&outcome, seconds))?)
        .with_context(|| format!("writing {}", path.display()))?;
    Ok((outcome, seconds, false))
}

/// This bench version's cached result, else an earlier version's if it detected the mutant.
fn cached(text: &str) -> Result<Option<(Outcome, f64)>> {
    let read = |version: &str| -> Result<Option<(Outcome, f64)>> {
        let path = cache_path(text, version)?;
        let hit = std::fs::read_to_string(&path).ok();
        Ok(hit.and_then(|t| serde_json::from_str(&t).ok()))
    };
    if let Some(hit) = read(mutate::BENCH_VERSION)? {
        return Ok(Some(hit));
    }
    for version in mutate::DETECTED_BY_EARLIER {
        if let Some(hit) = read(version)?.filter(|(o, _)| o.detected()) {
            return Ok(Some(hit));
        }
    }
    Ok(None)
}

/// `~/.cache/spoon/mutate/<key>.json`, the key a hash of the mutant's text and the bench version.
fn cache_path(text: &str, version: &str) -> Result<PathBuf> {
    let root = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cache")))
        .context("no HOME for the mutation cache")?
        .join("spoon/mutate");
    std::fs::create_dir_all(&root).with_context(|| format!("creating {}", root.display()))?;
    let key = sim::verilate::sha256_hex(&[text.as_bytes(), version.as_bytes()]);
    Ok(root.join(format!("{key}.json")))
}

/// Runs `spoon mutate --worker ID` in its own process group, stopped (the whole group) after
/// the time limit.
fn child(args: &MutateArgs, id: &str) -> Result<Outcome> {
    let exe = std::env::current_exe().context("locating the spoon executable")?;
    let mut proc = Command::new(exe)
        .args(["mutate", "--worker", id, "--data"])
        .arg(&args.data)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0)
        .spawn()
        .context("starting the mutant's process")?;
    let deadline = Instant::now() + Duration::from_secs(args.timeout);
    let stdout = drain(proc.stdout.take().context("child stdout")?);
    let stderr = drain(proc.stderr.take().context("child stderr")?);
    let status = loop {
        if let Some(status) = proc.try_wait()? {
            break status;
        }
        if Instant::now() > deadline {
            let _ = Command::new("kill")
                .args(["-KILL", "--", &format!("-{}", proc.id())])
                .status();
            let _ = proc.wait();
            return Ok(Outcome::Timeout {
                seconds: args.timeout,
            });
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    let out = stdout.join().unwrap_or_default();
    let err = stderr.join().unwrap_or_default();
    let parsed = out
        .lines()
        .last()
        .and_then(|l| serde_json::from_str(l).ok());
    Ok(match (status.success(), parsed) {
        (true, Some(outcome)) => outcome,
        _ => Outcome::Crashed {
            status: status.to_string(),
            stderr: tail(&err, 600),
        },
    })
}

/// Reads a child's pipe to its end on a thread (so a full pipe never blocks the child).
fn drain(mut pipe: impl Read + Send + 'static) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut s = String::new();
        let _ = pipe.read_to_string(&mut s);
        s
    })
}

fn tail(s: &str, n: usize) -> String {
    let start = s.len().saturating_sub(n);
    let start = (start..s.len())
        .find(|&i| s.is_char_boundary(i))
        .unwrap_or(s.len());
    s[start..].trim().to_string()
}
