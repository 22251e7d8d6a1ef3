//! The job definitions in deploy/ agree with themselves and with zitat-shard.sh: the
//! number of shards each scheduler starts is the ZITAT_SHARDS it passes on, the Job is an
//! Indexed Job (which sets JOB_COMPLETION_INDEX), the scripts are valid bash, and the
//! manifest is plain YAML of the fields a batch/v1 Job takes. A text check: no YAML parser
//! or kubectl is needed.

use std::path::PathBuf;
use std::process::Command;

fn read(path: &str) -> String {
    std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

/// The value after `key:` on the first line that has it, unquoted.
fn field<'a>(text: &'a str, key: &str) -> &'a str {
    let line = text.lines().find(|l| l.trim_start().starts_with(&format!("{key}:"))).unwrap_or_else(|| panic!("no {key}"));
    line.split_once(':').unwrap().1.trim().trim_matches('"')
}

#[test]
fn the_kubernetes_job_starts_as_many_indexed_pods_as_it_declares_shards() {
    let job = read("deploy/kubernetes/zitat-job.yaml");
    assert!(!job.contains('\t'), "YAML takes no tabs");
    assert_eq!((field(&job, "apiVersion"), field(&job, "kind")), ("batch/v1", "Job"));
    assert_eq!(field(&job, "completionMode"), "Indexed");
    assert_eq!(field(&job, "restartPolicy"), "Never");
    let completions = field(&job, "completions");
    assert_eq!(field(&job, "parallelism"), completions);
    let shards = job.lines().skip_while(|l| !l.contains("name: ZITAT_SHARDS")).nth(1).expect("ZITAT_SHARDS has a value");
    assert_eq!(shards.split_once(':').unwrap().1.trim().trim_matches('"'), completions);
    assert!(job.contains("deploy/zitat-shard.sh"));
}

#[test]
fn the_slurm_array_covers_one_task_per_shard_and_the_scripts_are_valid_bash() {
    let array = read("deploy/slurm/zitat-array.sbatch");
    let range = array.lines().find_map(|l| l.strip_prefix("#SBATCH --array=")).expect("an array");
    let (first, last) = range.split_once('-').unwrap();
    assert_eq!(first, "1", "zitat-shard.sh takes SLURM_ARRAY_TASK_ID as the 1-based shard");
    assert!(array.contains(&format!("ZITAT_SHARDS={last}")), "the array size is the shard count");
    for script in ["deploy/zitat-shard.sh", "deploy/slurm/zitat-array.sbatch"] {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(script);
        assert!(Command::new("bash").arg("-n").arg(&path).status().unwrap().success(), "{script} is not valid bash");
    }
}

#[test]
fn the_merge_job_follows_the_shards_and_merges_as_many_as_they_write() {
    let shards = read("deploy/kubernetes/zitat-job.yaml");
    let merge = read("deploy/kubernetes/zitat-merge-job.yaml");
    assert!(!merge.contains('\t'), "YAML takes no tabs");
    assert_eq!((field(&merge, "apiVersion"), field(&merge, "kind")), ("batch/v1", "Job"));
    assert_eq!(field(&merge, "restartPolicy"), "Never");
    assert_eq!(field(&merge, "claimName"), field(&shards, "claimName"), "the merge reads the volume the shards write");
    let value_after = |text: &str, name: &str| {
        let line = text.lines().skip_while(|l| !l.contains(&format!("name: {name}"))).nth(1).expect("a value");
        line.split_once(':').unwrap().1.trim().trim_matches('"').to_owned()
    };
    assert_eq!(value_after(&merge, "ZITAT_SHARDS"), field(&shards, "completions"));
    assert!(merge.contains("deploy/zitat-merge.sh") && merge.contains("/data/out"));
    assert!(merge.contains("kubectl wait --for=condition=complete job/zitat-corpus"), "the manifest says how to chain it");
    assert_eq!(value_after(&merge, "ZITAT_SITE"), "/data/site", "the merge builds the review site on the volume");

    let array = read("deploy/slurm/zitat-array.sbatch");
    let last = array.lines().find_map(|l| l.strip_prefix("#SBATCH --array=1-")).unwrap();
    let sbatch = read("deploy/slurm/zitat-merge.sbatch");
    assert!(sbatch.contains(&format!("ZITAT_SHARDS={last}")), "the merge expects as many shards as the array runs");
    assert!(read("deploy/slurm/submit.sh").contains("--dependency=afterok:"));
    assert!(sbatch.contains("ZITAT_SITE=$3"), "the Slurm merge builds the site where its third argument says");
    for script in ["deploy/zitat-merge.sh", "deploy/slurm/zitat-merge.sbatch", "deploy/slurm/submit.sh"] {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(script);
        assert!(Command::new("bash").arg("-n").arg(&path).status().unwrap().success(), "{script} is not valid bash");
    }
}
