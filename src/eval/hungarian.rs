//! The assignment problem (Hungarian algorithm with potentials, O(n³)).

/// Pairs (row, column) maximising the total score; every row and column is used at most
/// once and exactly min(rows, columns) pairs are returned, as scipy's
/// `linear_sum_assignment(maximize=True)` does.
pub fn max_assignment(scores: &[Vec<f64>]) -> Vec<(usize, usize)> {
    let rows = scores.len();
    let cols = scores.first().map_or(0, Vec::len);
    if rows == 0 || cols == 0 {
        return Vec::new();
    }
    // Square cost matrix: padding cells cost the same, so they never change which real
    // pairs are optimal.
    let n = rows.max(cols);
    let top = scores.iter().flatten().copied().fold(f64::MIN, f64::max);
    let cost = |i: usize, j: usize| if i < rows && j < cols { top - scores[i][j] } else { top };
    let column_of_row = solve_min(n, cost);
    column_of_row
        .into_iter()
        .enumerate()
        .filter(|&(i, j)| i < rows && j < cols)
        .collect()
}

/// Minimum-cost perfect matching on an n×n matrix; returns the column of each row.
fn solve_min(n: usize, cost: impl Fn(usize, usize) -> f64) -> Vec<usize> {
    // 1-based potentials u (rows), v (columns); p[j] = row matched to column j.
    let mut u = vec![0.0; n + 1];
    let mut v = vec![0.0; n + 1];
    let mut p = vec![0usize; n + 1];
    let mut way = vec![0usize; n + 1];
    for i in 1..=n {
        p[0] = i;
        let mut j0 = 0;
        let mut minv = vec![f64::INFINITY; n + 1];
        let mut used = vec![false; n + 1];
        loop {
            used[j0] = true;
            let i0 = p[j0];
            let mut delta = f64::INFINITY;
            let mut j1 = 0;
            for j in 1..=n {
                if used[j] {
                    continue;
                }
                let reduced = cost(i0 - 1, j - 1) - u[i0] - v[j];
                if reduced < minv[j] {
                    minv[j] = reduced;
                    way[j] = j0;
                }
                if minv[j] < delta {
                    delta = minv[j];
                    j1 = j;
                }
            }
            for j in 0..=n {
                if used[j] {
                    u[p[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
            if p[j0] == 0 {
                break;
            }
        }
        loop {
            let j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
            if j0 == 0 {
                break;
            }
        }
    }
    let mut column_of_row = vec![0; n];
    for j in 1..=n {
        column_of_row[p[j] - 1] = j - 1;
    }
    column_of_row
}

#[cfg(test)]
mod tests {
    use super::*;

    fn total(scores: &[Vec<f64>], pairs: &[(usize, usize)]) -> f64 {
        pairs.iter().map(|&(i, j)| scores[i][j]).sum()
    }

    /// Best total by trying every injective assignment of the smaller side.
    fn brute_force(scores: &[Vec<f64>]) -> f64 {
        fn go(scores: &[Vec<f64>], i: usize, used: &mut Vec<bool>) -> f64 {
            if i == scores.len() {
                return 0.0;
            }
            let mut best = f64::MIN;
            for j in 0..used.len() {
                if !used[j] {
                    used[j] = true;
                    best = best.max(scores[i][j] + go(scores, i + 1, used));
                    used[j] = false;
                }
            }
            best
        }
        let transposed: Vec<Vec<f64>>;
        let rows_first = if scores.len() <= scores[0].len() {
            scores
        } else {
            transposed = (0..scores[0].len()).map(|j| scores.iter().map(|r| r[j]).collect()).collect();
            &transposed
        };
        go(rows_first, 0, &mut vec![false; rows_first[0].len()])
    }

    #[test]
    fn matches_brute_force_on_random_rectangles() {
        let mut seed = 7u64;
        let mut next = || {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) as f64 / (1u64 << 31) as f64
        };
        for _ in 0..300 {
            let rows = 1 + (next() * 5.0) as usize;
            let cols = 1 + (next() * 5.0) as usize;
            let scores: Vec<Vec<f64>> = (0..rows)
                .map(|_| (0..cols).map(|_| if next() < 0.3 { 0.0 } else { next() }).collect())
                .collect();
            let pairs = max_assignment(&scores);
            assert_eq!(pairs.len(), rows.min(cols));
            assert!((total(&scores, &pairs) - brute_force(&scores)).abs() < 1e-9, "{scores:?}");
        }
    }
}
