//! The assignment problem on rectangular matrices, solved the way scipy's
//! `linear_sum_assignment` solves it (shortest augmenting paths after Jonker–Volgenant, as
//! described by Crouse 2016; O(rows² · columns)).
//!
//! Following scipy step by step matters beyond the optimal total: when several assignments
//! tie (common here — every pair without message overlap scores 0), which one is chosen
//! decides which quotations are compared, and so the Form and role counts. Same algorithm,
//! same iteration order, same tie rules: same pairs as the dataset's reference scorer.

const NONE: usize = usize::MAX;

/// Pairs `(row, column)` maximising the total score, ordered by row. Every row and column
/// is used at most once and exactly min(rows, columns) pairs are returned, as
/// `linear_sum_assignment(scores, maximize=True)` does. Scores must be finite.
pub fn max_assignment(scores: &[Vec<f64>]) -> Vec<(usize, usize)> {
    let rows = scores.len();
    let cols = scores.first().map_or(0, Vec::len);
    if rows == 0 || cols == 0 {
        return Vec::new();
    }
    // scipy solves with no more rows than columns, transposing a tall matrix, and
    // maximises by minimising the negated scores.
    let transpose = cols < rows;
    let (short, long) = if transpose { (cols, rows) } else { (rows, cols) };
    let cost = |i: usize, j: usize| -(if transpose { scores[j][i] } else { scores[i][j] });
    let column_of_row = minimum_assignment(short, long, cost);
    let mut pairs: Vec<(usize, usize)> = (column_of_row.into_iter().enumerate())
        .map(|(i, j)| if transpose { (j, i) } else { (i, j) })
        .collect();
    pairs.sort_unstable();
    pairs
}

/// The search state of scipy's solver: dual potentials, the current matching and the
/// shortest-path bookkeeping of one augmentation.
struct Solver<C> {
    cost: C,
    rows: usize,
    cols: usize,
    u: Vec<f64>,
    v: Vec<f64>,
    shortest: Vec<f64>,
    path: Vec<usize>,
    col_of_row: Vec<usize>,
    row_of_col: Vec<usize>,
    row_seen: Vec<bool>,
    col_seen: Vec<bool>,
    remaining: Vec<usize>,
}

/// Minimum-cost assignment of every row (rows ≤ cols); returns the column of each row.
fn minimum_assignment(rows: usize, cols: usize, cost: impl Fn(usize, usize) -> f64) -> Vec<usize> {
    let mut s = Solver {
        cost,
        rows,
        cols,
        u: vec![0.0; rows],
        v: vec![0.0; cols],
        shortest: vec![f64::INFINITY; cols],
        path: vec![NONE; cols],
        col_of_row: vec![NONE; rows],
        row_of_col: vec![NONE; cols],
        row_seen: vec![false; rows],
        col_seen: vec![false; cols],
        remaining: vec![0; cols],
    };
    for row in 0..rows {
        let (sink, min_value) = s.shortest_augmenting_path(row);
        s.update_potentials(row, min_value);
        s.augment(row, sink);
    }
    s.col_of_row
}

impl<C: Fn(usize, usize) -> f64> Solver<C> {
    /// Dijkstra-like search from `row` to a free column over reduced costs.
    fn shortest_augmenting_path(&mut self, row: usize) -> (usize, f64) {
        let mut min_value = 0.0;
        let mut remaining = self.cols;
        // Reverse order makes a constant matrix give the identity (scipy issue #11602).
        for (k, slot) in self.remaining.iter_mut().enumerate() {
            *slot = self.cols - k - 1;
        }
        self.row_seen.fill(false);
        self.col_seen.fill(false);
        self.shortest.fill(f64::INFINITY);
        let mut i = row;
        loop {
            self.row_seen[i] = true;
            let mut index = NONE;
            let mut lowest = f64::INFINITY;
            for k in 0..remaining {
                let j = self.remaining[k];
                let reduced = min_value + (self.cost)(i, j) - self.u[i] - self.v[j];
                if reduced < self.shortest[j] {
                    self.path[j] = i;
                    self.shortest[j] = reduced;
                }
                // Among equal candidates prefer a free column: it ends the search.
                if self.shortest[j] < lowest || (self.shortest[j] == lowest && self.row_of_col[j] == NONE) {
                    lowest = self.shortest[j];
                    index = k;
                }
            }
            min_value = lowest;
            let j = self.remaining[index];
            self.col_seen[j] = true;
            remaining -= 1;
            self.remaining[index] = self.remaining[remaining];
            if self.row_of_col[j] == NONE {
                return (j, min_value);
            }
            i = self.row_of_col[j];
        }
    }

    fn update_potentials(&mut self, row: usize, min_value: f64) {
        self.u[row] += min_value;
        for i in (0..self.rows).filter(|&i| self.row_seen[i] && i != row) {
            self.u[i] += min_value - self.shortest[self.col_of_row[i]];
        }
        for j in (0..self.cols).filter(|&j| self.col_seen[j]) {
            self.v[j] -= min_value - self.shortest[j];
        }
    }

    /// Flips the matching along the path that ends in `sink`.
    fn augment(&mut self, row: usize, sink: usize) {
        let mut j = sink;
        loop {
            let i = self.path[j];
            self.row_of_col[j] = i;
            std::mem::swap(&mut self.col_of_row[i], &mut j);
            if i == row {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn total(scores: &[Vec<f64>], pairs: &[(usize, usize)]) -> f64 {
        pairs.iter().map(|&(i, j)| scores[i][j]).sum()
    }

    /// Best total over every injective assignment of the shorter side.
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

    /// A small deterministic generator (PCG-style LCG), so failures reproduce.
    fn uniform(seed: &mut u64) -> f64 {
        *seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (*seed >> 33) as f64 / (1u64 << 31) as f64
    }

    #[test]
    fn matches_brute_force_on_random_rectangles() {
        let mut seed = 7u64;
        for _ in 0..500 {
            let rows = 1 + (uniform(&mut seed) * 6.0) as usize;
            let cols = 1 + (uniform(&mut seed) * 6.0) as usize;
            let scores: Vec<Vec<f64>> = (0..rows)
                .map(|_| (0..cols).map(|_| if uniform(&mut seed) < 0.3 { 0.0 } else { uniform(&mut seed) }).collect())
                .collect();
            let pairs = max_assignment(&scores);
            assert_eq!(pairs.len(), rows.min(cols));
            let mut rows_used: Vec<usize> = pairs.iter().map(|p| p.0).collect();
            let mut cols_used: Vec<usize> = pairs.iter().map(|p| p.1).collect();
            rows_used.dedup();
            cols_used.sort_unstable();
            cols_used.dedup();
            assert_eq!((rows_used.len(), cols_used.len()), (pairs.len(), pairs.len()), "{scores:?}");
            assert!((total(&scores, &pairs) - brute_force(&scores)).abs() < 1e-9, "{scores:?}");
        }
    }

    /// Matrices full of ties (zeros, repeated scores) with the pairs scipy 1.17.1's
    /// `linear_sum_assignment(m, maximize=True)` chose for them.
    #[test]
    fn breaks_ties_as_scipy_does() {
        let cases: Vec<(Vec<Vec<f64>>, Vec<(usize, usize)>)> = vec![
        (vec![vec![0.0, 0.0, 0.0], vec![0.0, 0.0, 0.0], vec![0.0, 0.0, 0.0]], vec![(0, 0), (1, 1), (2, 2)]),
        (vec![vec![0.0, 0.0, 0.0, 0.0], vec![0.0, 0.0, 0.0, 0.0]], vec![(0, 0), (1, 1)]),
        (vec![vec![0.0, 0.0], vec![0.0, 0.0], vec![0.0, 0.0], vec![0.0, 0.0]], vec![(0, 0), (1, 1)]),
        (vec![vec![0.0, 0.0, 0.0]], vec![(0, 0)]),
        (vec![vec![0.0], vec![0.0], vec![0.0]], vec![(0, 0)]),
        (vec![vec![0.4, 0.4, 0.5, 0.5, 1.011], vec![0.4, 1.011, 0.0, 0.0, 0.4], vec![1.011, 0.5, 0.5, 1.011, 0.4], vec![0.0, 0.0, 0.5, 0.0, 0.0]], vec![(0, 4), (1, 1), (2, 0), (3, 2)]),
        (vec![vec![0.4, 0.5, 0.5, 0.0, 1.011]], vec![(0, 4)]),
        (vec![vec![0.5, 0.5, 1.011, 0.5], vec![0.0, 1.011, 0.0, 0.4], vec![1.011, 0.0, 0.0, 0.0], vec![0.0, 0.0, 1.011, 0.0]], vec![(0, 3), (1, 1), (2, 0), (3, 2)]),
        (vec![vec![0.5, 1.011, 0.4], vec![0.0, 1.011, 0.0], vec![0.5, 0.0, 0.5], vec![0.0, 0.5, 0.0]], vec![(0, 0), (1, 1), (2, 2)]),
        (vec![vec![0.5, 1.011, 0.4], vec![0.0, 0.5, 0.0], vec![0.0, 0.4, 0.0], vec![1.011, 0.0, 0.0]], vec![(0, 1), (1, 2), (3, 0)]),
        (vec![vec![0.4, 0.0, 0.5, 0.0, 0.4]], vec![(0, 2)]),
        (vec![vec![0.0, 0.0, 0.4, 0.5], vec![0.0, 0.0, 0.0, 0.0], vec![0.5, 0.5, 0.5, 0.5]], vec![(0, 3), (1, 0), (2, 1)]),
        (vec![vec![1.011], vec![0.5], vec![0.0], vec![0.4]], vec![(0, 0)]),
        (vec![vec![0.0, 0.0, 0.0], vec![0.0, 0.5, 0.4], vec![0.0, 0.0, 0.0]], vec![(0, 0), (1, 1), (2, 2)]),
        (vec![vec![0.0]], vec![(0, 0)]),
        (vec![vec![0.0, 0.5, 1.011, 0.0], vec![0.5, 1.011, 0.0, 0.5], vec![0.4, 0.0, 0.5, 0.5], vec![0.5, 0.0, 0.5, 0.5]], vec![(0, 2), (1, 1), (2, 3), (3, 0)]),
        (vec![vec![0.0], vec![0.4]], vec![(1, 0)]),
        (vec![vec![0.0, 0.0, 0.0], vec![0.5, 0.4, 1.011], vec![0.5, 1.011, 0.0], vec![0.0, 0.0, 0.0], vec![0.5, 0.0, 0.0]], vec![(1, 2), (2, 1), (4, 0)]),
        (vec![vec![0.4, 0.0, 0.5], vec![0.0, 0.0, 0.0], vec![0.0, 1.011, 0.5], vec![0.0, 0.0, 1.011], vec![0.0, 0.0, 1.011]], vec![(0, 0), (2, 1), (3, 2)]),
        (vec![vec![1.011, 0.5], vec![0.4, 1.011], vec![0.0, 0.4], vec![0.5, 0.0]], vec![(0, 0), (1, 1)]),
        (vec![vec![0.0, 0.4, 1.011], vec![0.0, 0.5, 0.0]], vec![(0, 2), (1, 1)]),
        (vec![vec![0.0, 0.5, 0.5, 0.5, 1.011], vec![0.0, 0.5, 0.0, 0.0, 0.0]], vec![(0, 4), (1, 1)]),
        (vec![vec![0.0, 0.0, 0.5, 0.5, 0.5]], vec![(0, 2)]),
        (vec![vec![0.4, 1.011, 0.5, 0.0], vec![1.011, 0.0, 0.5, 0.0], vec![0.0, 0.0, 0.5, 1.011]], vec![(0, 1), (1, 0), (2, 3)]),
        (vec![vec![0.0, 0.0, 0.0, 0.0, 0.5], vec![0.0, 0.0, 0.0, 0.5, 0.5], vec![0.0, 0.0, 0.0, 0.0, 0.0], vec![0.0, 1.011, 1.011, 0.0, 0.0], vec![0.0, 0.0, 0.5, 0.0, 0.5]], vec![(0, 4), (1, 3), (2, 0), (3, 1), (4, 2)]),
        (vec![vec![0.0, 1.011, 0.0, 0.0, 0.5], vec![0.0, 0.5, 0.0, 0.0, 0.0], vec![1.011, 0.5, 0.0, 0.5, 0.0], vec![0.5, 0.0, 0.0, 0.0, 0.0], vec![0.0, 0.5, 1.011, 0.0, 0.5]], vec![(0, 1), (1, 4), (2, 0), (3, 3), (4, 2)]),
        (vec![vec![0.4, 0.0]], vec![(0, 0)]),
        (vec![vec![0.5], vec![0.5], vec![0.0]], vec![(0, 0)]),
        (vec![vec![0.4], vec![0.5], vec![1.011], vec![0.0]], vec![(2, 0)]),
        (vec![vec![0.5, 1.011, 0.0, 1.011], vec![0.0, 0.0, 0.0, 0.5], vec![0.0, 0.0, 0.5, 0.5], vec![0.0, 0.5, 0.5, 0.5], vec![1.011, 0.5, 0.5, 0.5]], vec![(0, 1), (1, 3), (2, 2), (4, 0)]),
        (vec![vec![1.011], vec![0.4], vec![1.011], vec![0.0], vec![0.0]], vec![(0, 0)]),
        (vec![vec![0.5], vec![0.0], vec![0.0], vec![0.5], vec![0.0]], vec![(0, 0)]),
        (vec![vec![0.5, 0.5, 0.0, 0.0, 0.0], vec![0.0, 0.0, 0.5, 1.011, 0.0], vec![1.011, 0.0, 0.4, 0.0, 0.5], vec![0.5, 0.5, 0.0, 0.0, 0.5]], vec![(0, 1), (1, 3), (2, 0), (3, 4)]),
        (vec![vec![0.5, 0.5], vec![0.4, 0.4], vec![0.4, 0.0]], vec![(0, 0), (1, 1)]),
        (vec![vec![0.0, 1.011, 0.0, 0.0], vec![0.0, 0.0, 0.5, 0.0]], vec![(0, 1), (1, 2)]),
        (vec![vec![0.0]], vec![(0, 0)]),
        (vec![vec![0.5], vec![0.5]], vec![(0, 0)]),
        (vec![vec![0.4, 0.5], vec![0.5, 0.5], vec![1.011, 0.5]], vec![(0, 1), (2, 0)]),
        (vec![vec![0.5, 0.0, 0.0, 0.4, 0.0], vec![0.0, 0.4, 1.011, 0.0, 0.5], vec![0.5, 0.0, 1.011, 0.0, 0.0]], vec![(0, 0), (1, 4), (2, 2)]),
        (vec![vec![0.5], vec![0.0], vec![0.5], vec![0.5], vec![0.0]], vec![(0, 0)]),
        ];
        for (scores, scipy_pairs) in cases {
            assert_eq!(max_assignment(&scores), scipy_pairs, "{scores:?}");
        }
    }

    #[test]
    fn empty_sides_give_no_pairs() {
        assert!(max_assignment(&[]).is_empty());
        assert!(max_assignment(&[vec![], vec![]]).is_empty());
    }
}
