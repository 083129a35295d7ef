//! Stable sorting through one copy of the standard library's sort.
//!
//! Each `sort_by` with its own closure is compiled into a separate copy of
//! the sort, about 3.5 KB of WebAssembly each, and the app sorts in a dozen
//! places. These functions sort the items' positions with the comparison
//! behind `dyn`, so the wasm holds the sort once, then move the items into
//! that order. Same result as `slice::sort_by`: stable, O(n log n).

use std::cmp::Ordering;

/// Sorts `items` by `compare`, keeping the order of equal items.
pub fn by<T>(items: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let order = positions_in_order(items.len(), &|a, b| compare(&items[a], &items[b]));
    // `place[i]`: where the item now at `i` belongs. Each swap puts one item
    // in its place, so this ends after at most n swaps.
    let mut place = vec![0; order.len()];
    for (to, &from) in order.iter().enumerate() {
        place[from] = to;
    }
    for i in 0..items.len() {
        while place[i] != i {
            let j = place[i];
            items.swap(i, j);
            place.swap(i, j);
        }
    }
}

/// Sorts `items` by the key `key` gives each, keeping the order of equal keys.
pub fn by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    by(items, |a, b| key(a).cmp(&key(b)));
}

/// The one monomorphic sort: positions `0..len` ordered by `compare`.
fn positions_in_order(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_as_the_standard_library_does_and_keeps_ties_in_order() {
        // (key, original position): ties must keep their positions' order.
        let keys = [5, 3, 5, 1, 3, 9, 0, 5, 1, 2, 2, 7, 3];
        let mut items: Vec<(i32, usize)> = keys.iter().copied().zip(0..).collect();
        let mut expected = items.clone();
        expected.sort_by_key(|&(k, _)| k);
        by_key(&mut items, |&(k, _)| k);
        assert_eq!(items, expected);
    }

    #[test]
    fn agrees_with_the_standard_library_on_many_random_lists() {
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for len in 0..200 {
            let mut items: Vec<(u64, usize)> = (0..len).map(|i| (next() % 7, i)).collect();
            let mut expected = items.clone();
            expected.sort_by_key(|&(k, _)| k);
            by_key(&mut items, |&(k, _)| k);
            assert_eq!(items, expected, "length {len}");
        }
    }

    #[test]
    fn handles_empty_single_sorted_and_reversed() {
        let mut empty: Vec<u8> = vec![];
        by(&mut empty, Ord::cmp);
        assert!(empty.is_empty());
        let mut one = vec![1];
        by(&mut one, Ord::cmp);
        assert_eq!(one, [1]);
        let mut sorted: Vec<u32> = (0..100).collect();
        by(&mut sorted, Ord::cmp);
        assert_eq!(sorted, (0..100).collect::<Vec<_>>());
        let mut reversed: Vec<u32> = (0..100).rev().collect();
        by(&mut reversed, Ord::cmp);
        assert_eq!(reversed, (0..100).collect::<Vec<_>>());
    }

    #[test]
    fn moves_owned_items_without_copying_or_losing_any() {
        let mut names: Vec<String> = ["pear", "apple", "fig", "apple", "kiwi"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        by(&mut names, |a, b| a.len().cmp(&b.len()));
        assert_eq!(names, ["fig", "pear", "kiwi", "apple", "apple"]);
    }
}
