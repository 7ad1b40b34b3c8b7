//! The global allocator: mimalloc, asked for plain blocks whenever a plain block is aligned
//! enough.
//!
//! Processes and terms make many small, short-lived allocations from several scheduler
//! threads at once; mimalloc serves them without the contention of the system allocator.
//! The `mimalloc` crate's own `GlobalAlloc` passes every request to `mi_malloc_aligned`,
//! whose fast path only applies when the size class's free list is not empty; otherwise it
//! over-allocates and adjusts the pointer, about 150 instructions a time instead of about
//! 20. Nearly every allocation here is 8-byte aligned (terms are two words), and every
//! mimalloc block is (its sizes are whole words), so those go to `mi_malloc` directly.
//!
//! mimalloc asks Linux for transparent huge pages for its memory; the binary turns them off
//! for the process (`use_small_pages`). A VM of many small processes touches its memory
//! sparsely at first: with 2 MiB pages, each first touch zeroes (and may first compact) a
//! whole huge page, which made spawning a million processes take 0.8-0.95 s instead of
//! 0.42 s, and resident memory grow in 2 MiB steps (100k idle processes read 399 or 442
//! bytes each, 340 with small pages). Large maps lose some speed (building a 1M-key map:
//! 1.30 s -> 1.51 s), from more TLB misses.

use core::alloc::{GlobalAlloc, Layout};
use core::ffi::c_void;
use libmimalloc_sys as mi;

/// The alignment every mimalloc block has: block sizes are whole words, laid out from a
/// 16-byte-aligned start.
const WORD: usize = core::mem::size_of::<usize>();

pub(crate) struct Mimalloc;

/// Turns off transparent huge pages for this process (Linux; elsewhere nothing to do). The
/// flag is checked at every page fault, so it also covers memory mimalloc mapped (and
/// advised as huge) before it was set.
pub(crate) fn use_small_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes an integer flag and no pointers; it sets a flag on
    // this process's memory map and touches no memory of ours. Failure (an old kernel)
    // leaves huge pages on, which is harmless.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

// SAFETY: every method hands the request to mimalloc, which returns null or a block of at
// least `size` bytes that stays valid until it is freed; requests whose alignment exceeds
// the word size go through the aligned entry points, and the rest get word-aligned blocks,
// which satisfies their alignment. Blocks from every entry point are freed by `mi_free`.
unsafe impl GlobalAlloc for Mimalloc {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if layout.align() <= WORD {
            // SAFETY: plain allocation; see the impl's safety note for the alignment.
            unsafe { mi::mi_malloc(layout.size()) as *mut u8 }
        } else {
            // SAFETY: `Layout` guarantees a power-of-two alignment, as mimalloc requires.
            unsafe { mi::mi_malloc_aligned(layout.size(), layout.align()) as *mut u8 }
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if layout.align() <= WORD {
            // SAFETY: as in `alloc`.
            unsafe { mi::mi_zalloc(layout.size()) as *mut u8 }
        } else {
            // SAFETY: as in `alloc`.
            unsafe { mi::mi_zalloc_aligned(layout.size(), layout.align()) as *mut u8 }
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        // SAFETY: `ptr` came from one of mimalloc's allocation functions (the caller
        // guarantees it was allocated by this allocator).
        unsafe { mi::mi_free(ptr as *mut c_void) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if layout.align() <= WORD {
            // SAFETY: `ptr` is a live block of this allocator; the new block is word-aligned
            // as the old one's layout needs.
            unsafe { mi::mi_realloc(ptr as *mut c_void, new_size) as *mut u8 }
        } else {
            // SAFETY: as above, keeping the layout's alignment.
            unsafe { mi::mi_realloc_aligned(ptr as *mut c_void, new_size, layout.align()) as *mut u8 }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_have_the_alignment_asked_for_and_keep_their_contents() {
        let a = Mimalloc;
        for align in [1usize, 2, 4, 8, 16, 32, 64, 128, 4096] {
            for size in [1usize, 7, 8, 24, 40, 100, 1000, 70_000] {
                let layout = Layout::from_size_align(size, align).unwrap();
                // SAFETY: a non-zero size; every block is freed with the layout it was
                // allocated with.
                unsafe {
                    let p = a.alloc(layout);
                    assert!(!p.is_null());
                    assert_eq!(p as usize % align, 0, "size {size} align {align}");
                    p.write_bytes(0xab, size);
                    let q = a.realloc(p, layout, size * 3);
                    assert_eq!(q as usize % align, 0, "realloc size {size} align {align}");
                    assert!((0..size).all(|i| *q.add(i) == 0xab));
                    a.dealloc(q, Layout::from_size_align(size * 3, align).unwrap());
                    let z = a.alloc_zeroed(layout);
                    assert_eq!(z as usize % align, 0);
                    assert!((0..size).all(|i| *z.add(i) == 0));
                    a.dealloc(z, layout);
                }
            }
        }
    }
}
