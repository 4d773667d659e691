//! `spoon sweep slurm`: the sbatch job-array script of a sweep (one array task per shard).

use crate::spec::Spec;
use std::path::Path;

/// What the script runs and where.
pub struct Job<'a> {
    pub spec: &'a Spec,
    /// Absolute paths: the `spoon` binary, the spec, the sweep folder, the working directory.
    pub spoon: &'a Path,
    pub spec_file: &'a Path,
    pub out: &'a Path,
    pub workdir: &'a Path,
    pub shards: usize,
    pub points: usize,
}

/// Minutes one array task may take: its points (the largest shard) times the budget of
/// every stage they run, shared over the task's CPUs.
pub fn task_minutes(job: &Job<'_>) -> u32 {
    let s = &job.spec.slurm;
    let per_point: u32 = job
        .spec
        .stages
        .iter()
        .map(|stage| {
            let minutes = *s.minutes.get(stage).unwrap_or(&s.default_minutes);
            let copies = if stage.starts_with("synth") {
                job.spec.targets.len()
            } else {
                1
            };
            minutes * copies as u32
        })
        .sum();
    let points = job.points.div_ceil(job.shards.max(1)) as u32;
    (points * per_point).div_ceil(s.cpus.max(1)).max(1)
}

/// The script's text.
pub fn script(job: &Job<'_>) -> String {
    let s = &job.spec.slurm;
    let logs = job.out.join("logs");
    let mut lines = vec![
        "#!/bin/bash".to_string(),
        format!(
            "# spoon sweep of {} ({} points in {} shards)",
            job.spec_file.display(),
            job.points,
            job.shards
        ),
        "#SBATCH --job-name=spoon-sweep".into(),
        format!("#SBATCH --array=0-{}", job.shards.max(1) - 1),
        format!("#SBATCH --output={}/shard-%a.out", logs.display()),
        format!("#SBATCH --error={}/shard-%a.err", logs.display()),
        format!("#SBATCH --chdir={}", job.workdir.display()),
        "#SBATCH --nodes=1".into(),
        "#SBATCH --ntasks=1".into(),
        format!("#SBATCH --cpus-per-task={}", s.cpus),
        format!("#SBATCH --mem={}M", s.mem_mb),
        format!("#SBATCH --time={}", task_minutes(job)),
    ];
    lines.extend(
        s.partition
            .iter()
            .map(|p| format!("#SBATCH --partition={p}")),
    );
    lines.extend(s.account.iter().map(|a| format!("#SBATCH --account={a}")));
    lines.push("set -euo pipefail".into());
    lines.push(format!(
        "exec {} sweep run {} --out {} --shard \"$SLURM_ARRAY_TASK_ID/{}\" --jobs \"${{SLURM_CPUS_PER_TASK:-1}}\"",
        quote(job.spoon),
        quote(job.spec_file),
        quote(job.out),
        job.shards
    ));
    lines.join("\n") + "\n"
}

fn quote(p: &Path) -> String {
    format!("'{}'", p.display().to_string().replace('\'', "'\\''"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn the_script_is_exact_and_its_time_covers_the_largest_shard() {
        let text = "stages = [\"train\", \"synth-yosys\"]\ntargets = [\"up5k\", \"ecp5-85f\"]\n\
                    [slurm]\npartition = \"cpu\"\ncpus = 2\n\
                    [[vary]]\nfield = \"fc.hidden\"\nvalues = [50, 60, 70, 80, 90]";
        let spec = Spec::from_toml(text, Path::new("s.toml")).unwrap();
        let job = Job {
            spec: &spec,
            spoon: Path::new("/opt/spoon"),
            spec_file: Path::new("/w/s.toml"),
            out: Path::new("/w/out"),
            workdir: Path::new("/w"),
            shards: 2,
            points: 5,
        };
        // 3 points in the largest shard × (10 min train + 2 × 5 min Yosys) / 2 CPUs.
        assert_eq!(task_minutes(&job), 30);
        assert_eq!(
            script(&job),
            "#!/bin/bash\n\
             # spoon sweep of /w/s.toml (5 points in 2 shards)\n\
             #SBATCH --job-name=spoon-sweep\n\
             #SBATCH --array=0-1\n\
             #SBATCH --output=/w/out/logs/shard-%a.out\n\
             #SBATCH --error=/w/out/logs/shard-%a.err\n\
             #SBATCH --chdir=/w\n\
             #SBATCH --nodes=1\n\
             #SBATCH --ntasks=1\n\
             #SBATCH --cpus-per-task=2\n\
             #SBATCH --mem=2000M\n\
             #SBATCH --time=30\n\
             #SBATCH --partition=cpu\n\
             set -euo pipefail\n\
             exec '/opt/spoon' sweep run '/w/s.toml' --out '/w/out' --shard \"$SLURM_ARRAY_TASK_ID/2\" --jobs \"${SLURM_CPUS_PER_TASK:-1}\"\n"
        );
    }
}
