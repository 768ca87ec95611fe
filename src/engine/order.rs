//! Stable sorting with one shared body.
//!
//! `slice::sort*` monomorphises the standard library's sort (driftsort with its quicksort and
//! small-sort helpers, a few KB each) for every element type and every key closure: the wasm
//! carried 17 copies, 73 KB before wasm-opt. Here the sorting itself is a single non-generic
//! merge sort over indices, driven through a `&dyn Fn` comparator; only the small shims that
//! compare two elements and apply the permutation are generic. Every sort the engine and the UI
//! do is over short lists (a message's evidence, a paste's problems, a thread's members), so the
//! indirect call costs nothing measurable. Equal elements keep their order.
use std::cmp::Ordering;

/// Lists up to this long are sorted in place by insertion.
const SMALL: usize = 32;

/// Sorts `v` by `cmp`, keeping equal elements in their order.
pub fn sort_by<T>(v: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    // Most lists arrive sorted already (evidence is found in text order): then nothing moves
    // and nothing is allocated.
    if v.windows(2).all(|w| cmp(&w[0], &w[1]) != Ordering::Greater) {
        return;
    }
    // Short lists (nearly all of them): a stable insertion sort in place, with no allocation
    // and no indirect calls; only a strictly smaller element moves past another.
    if v.len() <= SMALL {
        for i in 1..v.len() {
            let mut j = i;
            while j > 0 && cmp(&v[j], &v[j - 1]) == Ordering::Less {
                v.swap(j, j - 1);
                j -= 1;
            }
        }
        return;
    }
    let order = {
        let items = &*v;
        sorted_indices(items.len(), &|a, b| cmp(&items[a], &items[b]))
    };
    let mut slots: Vec<Option<T>> = std::mem::take(v).into_iter().map(Some).collect();
    v.extend(
        order
            .into_iter()
            .filter_map(|i| slots.get_mut(i).and_then(Option::take)),
    );
}

/// Sorts `v` by a key, keeping equal keys in their order.
pub fn sort_by_key<T, K: Ord>(v: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` in ascending order.
pub fn sort<T: Ord>(v: &mut Vec<T>) {
    sort_by(v, T::cmp);
}

/// Sorts `v` and drops repeated elements.
pub fn sort_dedup<T: Ord>(v: &mut Vec<T>) {
    sort(v);
    v.dedup();
}

/// The indices `0..n` ordered by `cmp`: a stable insertion sort for short lists, a stable
/// bottom-up merge sort for longer ones.
fn sorted_indices(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut from: Vec<usize> = (0..n).collect();
    if n <= 16 {
        for i in 1..n {
            let mut j = i;
            while j > 0 && cmp(from[j], from[j - 1]) == Ordering::Less {
                from.swap(j, j - 1);
                j -= 1;
            }
        }
        return from;
    }
    let mut to: Vec<usize> = vec![0; n];
    let mut width = 1;
    while width < n {
        let mut lo = 0;
        while lo < n {
            let mid = (lo + width).min(n);
            let hi = (lo + 2 * width).min(n);
            let (mut i, mut j) = (lo, mid);
            for slot in &mut to[lo..hi] {
                // Take from the right run only when it is strictly smaller: stability.
                let right = j < hi && (i >= mid || cmp(from[j], from[i]) == Ordering::Less);
                if right {
                    *slot = from[j];
                    j += 1;
                } else {
                    *slot = from[i];
                    i += 1;
                }
            }
            lo = hi;
        }
        std::mem::swap(&mut from, &mut to);
        width *= 2;
    }
    from
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator, so the test needs no dependency.
    fn numbers(seed: u64, n: usize, modulo: u64) -> Vec<u64> {
        let mut x = seed;
        (0..n)
            .map(|_| {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                (x >> 33) % modulo
            })
            .collect()
    }

    #[test]
    fn sorts_like_the_standard_library_for_every_length() {
        for n in 0..70 {
            for seed in 0..4 {
                let v = numbers(seed, n, 10);
                let mut ours = v.clone();
                sort(&mut ours);
                let mut std_sorted = v;
                std_sorted.sort();
                assert_eq!(ours, std_sorted, "n = {n}, seed = {seed}");
            }
        }
    }

    #[test]
    fn keeps_equal_keys_in_their_order() {
        let v: Vec<(u64, usize)> = numbers(7, 500, 5).into_iter().zip(0..).collect();
        let mut ours = v.clone();
        sort_by_key(&mut ours, |p| p.0);
        let mut std_sorted = v;
        std_sorted.sort_by_key(|p| p.0);
        assert_eq!(ours, std_sorted);
    }

    #[test]
    fn short_lists_keep_equal_keys_in_their_order() {
        for n in 0..=40 {
            let v: Vec<(u64, usize)> = numbers(n as u64, n, 4).into_iter().zip(0..).collect();
            let mut ours = v.clone();
            sort_by_key(&mut ours, |p| p.0);
            let mut std_sorted = v;
            std_sorted.sort_by_key(|p| p.0);
            assert_eq!(ours, std_sorted, "n = {n}");
        }
    }

    #[test]
    fn sort_by_orders_by_the_comparator() {
        let mut v = vec!["bb", "a", "ccc", "dd"];
        sort_by(&mut v, |a, b| b.len().cmp(&a.len()));
        assert_eq!(v, ["ccc", "bb", "dd", "a"]);
    }

    #[test]
    fn sort_dedup_drops_repeats() {
        let mut v = vec![3, 1, 3, 2, 1];
        sort_dedup(&mut v);
        assert_eq!(v, [1, 2, 3]);
    }
}
