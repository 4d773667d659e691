//! The cache of slow tool runs: a step's output files, kept under a key that hashes every input
//! of the step (the files it reads, its command line, the tool's version). Place and route of
//! the default chip takes minutes; the same netlist, constraints and tool give the same result.

use crate::tools::{home_cache, Step};
use crate::SynthError;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// Where the cache lives unless `SPOON_SYNTH_CACHE` says: `~/.cache/spoon/synth`.
pub const CACHE_ENV: &str = "SPOON_SYNTH_CACHE";

pub fn cache_root() -> PathBuf {
    std::env::var_os(CACHE_ENV)
        .map(PathBuf::from)
        .unwrap_or_else(|| home_cache().join("synth"))
}

/// SHA-256 of the parts, each prefixed by its length (so that parts cannot run together).
pub fn sha256_hex(parts: &[&[u8]]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update((p.len() as u64).to_le_bytes());
        h.update(p);
    }
    hex(&h.finalize())
}

/// SHA-256 of a file's bytes.
pub fn file_sha256(path: &Path) -> Result<String, SynthError> {
    let bytes = std::fs::read(path).map_err(|e| SynthError::io(path, e))?;
    Ok(hex(&Sha256::digest(&bytes)))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The file of a cache entry that keeps the wall time (first line) and the command of the run
/// that made it.
const RUN_RECORD: &str = "run.txt";

/// What a cached step needs: its name, the inputs that make its key, and the files it writes.
pub struct CachedStep<'a> {
    /// The cache folder ([`cache_root`] unless a test says otherwise).
    pub root: &'a Path,
    pub name: &'a str,
    /// Files of the run folder the step reads.
    pub input_files: &'a [&'a str],
    /// Anything else that changes the result: the command line, the tool's version.
    pub recipe: String,
    /// Files of the run folder the step writes (kept in the cache).
    pub outputs: &'a [&'a str],
}

impl CachedStep<'_> {
    /// Runs `work` in `dir` unless the cache holds this step's outputs for the same inputs, in
    /// which case they are copied into `dir`. `use_cache = false` runs it and refreshes the cache.
    pub fn run(
        &self,
        dir: &Path,
        use_cache: bool,
        work: impl FnOnce() -> Result<(String, f64), SynthError>,
    ) -> Result<Step, SynthError> {
        let mut parts: Vec<Vec<u8>> = vec![
            self.name.as_bytes().to_vec(),
            self.recipe.clone().into_bytes(),
        ];
        for f in self.input_files {
            let path = dir.join(f);
            parts.push(std::fs::read(&path).map_err(|e| SynthError::io(&path, e))?);
        }
        let key = sha256_hex(&parts.iter().map(Vec::as_slice).collect::<Vec<_>>());
        let entry = self.root.join(format!("{}-{}", self.name, &key[..24]));
        if use_cache && self.outputs.iter().all(|o| entry.join(o).is_file()) {
            for o in self.outputs {
                copy(&entry.join(o), &dir.join(o))?;
            }
            // The run that filled the entry: its command and wall time.
            let record = std::fs::read_to_string(entry.join(RUN_RECORD)).unwrap_or_default();
            let (wall, command) = record.split_once('\n').unwrap_or(("0", &self.recipe));
            let (wall_s, command) = (wall.parse().unwrap_or(0.0), command.to_string());
            return Ok(Step {
                name: self.name.to_string(),
                command,
                wall_s,
                cached: true,
                input_sha256: key,
            });
        }
        let (command, wall_s) = work()?;
        self.store(dir, &entry, &format!("{wall_s}\n{command}"))?;
        Ok(Step {
            name: self.name.to_string(),
            command,
            wall_s,
            cached: false,
            input_sha256: key,
        })
    }

    /// Copies the outputs into a staging folder, then renames it into place, so that a reader
    /// never sees half an entry.
    fn store(&self, dir: &Path, entry: &Path, record: &str) -> Result<(), SynthError> {
        let root = self.root;
        std::fs::create_dir_all(root).map_err(|e| SynthError::io(root, e))?;
        let staging = root.join(format!("tmp-{}-{}", self.name, std::process::id()));
        let _ = std::fs::remove_dir_all(&staging);
        std::fs::create_dir_all(&staging).map_err(|e| SynthError::io(&staging, e))?;
        for o in self.outputs {
            copy(&dir.join(o), &staging.join(o))?;
        }
        let path = staging.join(RUN_RECORD);
        std::fs::write(&path, record).map_err(|e| SynthError::io(&path, e))?;
        let _ = std::fs::remove_dir_all(entry);
        if std::fs::rename(&staging, entry).is_err() {
            let _ = std::fs::remove_dir_all(&staging);
        }
        Ok(())
    }
}

fn copy(from: &Path, to: &Path) -> Result<(), SynthError> {
    std::fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| SynthError::io(from, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_of_abc_is_the_standard_vector() {
        assert_eq!(
            hex(&Sha256::digest(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn a_step_runs_once_per_set_of_inputs() {
        let tmp = tempfile::tempdir().unwrap();
        let (dir, root) = (tmp.path().join("run"), tmp.path().join("cache"));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("in.txt"), "netlist 1").unwrap();
        let runs = std::cell::Cell::new(0);
        let step = |recipe: &str| {
            CachedStep {
                root: &root,
                name: "double",
                input_files: &["in.txt"],
                recipe: recipe.into(),
                outputs: &["out.txt"],
            }
            .run(&dir, true, || {
                runs.set(runs.get() + 1);
                let text = std::fs::read_to_string(dir.join("in.txt")).unwrap();
                std::fs::write(dir.join("out.txt"), text.repeat(2)).unwrap();
                Ok(("double in.txt".into(), 0.5))
            })
            .unwrap()
        };
        let first = step("v1");
        assert!(!first.cached && runs.get() == 1 && first.wall_s == 0.5);
        std::fs::remove_file(dir.join("out.txt")).unwrap();
        let again = step("v1");
        assert!(
            again.cached && runs.get() == 1,
            "same inputs: from the cache"
        );
        assert_eq!(again.input_sha256, first.input_sha256);
        assert_eq!(
            std::fs::read_to_string(dir.join("out.txt")).unwrap(),
            "netlist 1netlist 1"
        );
        assert!(
            !step("v2").cached && runs.get() == 2,
            "another recipe: a miss"
        );
        std::fs::write(dir.join("in.txt"), "netlist 2").unwrap();
        assert!(
            !step("v2").cached && runs.get() == 3,
            "another input: a miss"
        );
        assert_eq!(
            std::fs::read_to_string(dir.join("out.txt")).unwrap(),
            "netlist 2netlist 2"
        );
    }

    #[test]
    fn parts_cannot_run_together() {
        assert_ne!(sha256_hex(&[b"ab", b"c"]), sha256_hex(&[b"a", b"bc"]));
    }
}
