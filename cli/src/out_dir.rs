//! Output paths are checked before any work starts: a training run or a co-simulation must
//! not end, minutes later, on a directory that cannot be written.

use anyhow::{bail, Context, Result};
use std::path::Path;

/// Creates `dir` if needed and proves it writable; each of `files` (names inside it) must not
/// be a directory.
pub fn prepare(dir: &Path, files: &[&str]) -> Result<()> {
    if dir.exists() && !dir.is_dir() {
        bail!("{}: output directory is a file", dir.display());
    }
    std::fs::create_dir_all(dir)
        .with_context(|| format!("{}: cannot create the output directory", dir.display()))?;
    let probe = dir.join(".spoon-write-check");
    std::fs::write(&probe, b"")
        .with_context(|| format!("{}: output directory is not writable", dir.display()))?;
    std::fs::remove_file(&probe).with_context(|| format!("removing {}", probe.display()))?;
    for name in files {
        let path = dir.join(name);
        if path.is_dir() {
            bail!("{}: is a directory, not a file", path.display());
        }
    }
    Ok(())
}

/// The parent directory of an output file, prepared, and the file not a directory.
pub fn prepare_file(path: &Path) -> Result<()> {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .with_context(|| format!("{}: not a file name", path.display()))?;
    prepare(parent, &[&name.to_string_lossy()])
}
