//! Per-thread free lists for the small blocks that travel between threads: tuples (the
//! messages). The sending thread allocates them and the receiving thread frees them; with scheduler threads passing messages back and forth,
//! most of those frees are of memory another thread allocated, which mimalloc takes on a
//! slower path (an atomic push onto the owning thread's page, collected later by that
//! thread), and a busy server and its clients on two workers spent more time there than
//! in the interpreter. Here a freed block goes onto the freeing thread's own list for its
//! size class, and that thread's next allocation of the class takes it back: the messages
//! going one way supply the blocks for those going the other. Each list keeps at most
//! `KEEP` blocks; the rest, and a thread's lists when it ends, go back to the allocator.
//!
//! Every block of a class has the class's layout, whichever size in the class was asked
//! for, so a block is freed with the layout it was allocated with wherever it ends.

use std::alloc::{self, Layout};
use std::cell::RefCell;
use std::ptr::NonNull;

/// Size classes are this many bytes apart.
const STEP: usize = 16;
/// Classes up to `CLASSES * STEP` bytes (a tuple of five elements).
const CLASSES: usize = 6;
/// The most blocks a thread keeps in one class.
const KEEP: usize = 64;
/// The alignment of every block: a word, which is all the blocks here need.
const ALIGN: usize = std::mem::align_of::<usize>();

/// The layout of each class's blocks.
const LAYOUTS: [Layout; CLASSES] = {
    let mut l = [Layout::new::<u8>(); CLASSES];
    let mut c = 0;
    while c < CLASSES {
        l[c] = match Layout::from_size_align((c + 1) * STEP, ALIGN) {
            Ok(x) => x,
            Err(_) => panic!("a size class's layout"),
        };
        c += 1;
    }
    l
};

/// One thread's free lists, by class.
struct Lists([Vec<NonNull<u8>>; CLASSES]);

impl Drop for Lists {
    fn drop(&mut self) {
        for (c, list) in self.0.iter_mut().enumerate() {
            for p in list.drain(..) {
                // SAFETY: every block on list `c` was allocated with `LAYOUTS[c]` (see
                // `alloc`) and belongs to the list alone since it was freed onto it.
                unsafe { alloc::dealloc(p.as_ptr(), LAYOUTS[c]) };
            }
        }
    }
}

thread_local! {
    static LISTS: RefCell<Lists> = const { RefCell::new(Lists([const { Vec::new() }; CLASSES])) };
}

/// The class of blocks of `layout`, if it is one this pool serves.
fn class_of(layout: Layout) -> Option<usize> {
    if layout.align() > ALIGN || layout.size() == 0 {
        return None;
    }
    let c = (layout.size() - 1) / STEP;
    (c < CLASSES).then_some(c)
}

/// A block for `layout` (null if memory is exhausted).
///
/// # Safety
/// `layout` must not be zero-sized, and the block must be freed with [`dealloc`] and the
/// same layout.
pub(crate) unsafe fn alloc(layout: Layout) -> *mut u8 {
    let Some(c) = class_of(layout) else {
        // SAFETY: the caller guarantees a layout of non-zero size.
        return unsafe { alloc::alloc(layout) };
    };
    // (During the thread's exit, when its lists are gone, the allocator serves directly.)
    let kept = LISTS.try_with(|l| l.borrow_mut().0[c].pop()).ok().flatten();
    match kept {
        Some(p) => p.as_ptr(),
        // SAFETY: a class's layout has a non-zero size.
        None => unsafe { alloc::alloc(LAYOUTS[c]) },
    }
}

/// Frees a block from [`alloc`].
///
/// # Safety
/// `p` must come from [`alloc`] with this `layout`, and must not be used afterwards.
pub(crate) unsafe fn dealloc(p: *mut u8, layout: Layout) {
    let Some(c) = class_of(layout) else {
        // SAFETY: the caller's guarantee: `alloc` made it with the allocator and `layout`.
        return unsafe { alloc::dealloc(p, layout) };
    };
    let Some(block) = NonNull::new(p) else { return };
    let kept = LISTS
        .try_with(|l| {
            let list = &mut l.borrow_mut().0[c];
            if list.len() >= KEEP {
                return false;
            }
            // The list's room is reserved once; a push never reallocates afterwards.
            list.reserve_exact(KEEP);
            list.push(block);
            true
        })
        .unwrap_or(false);
    if !kept {
        // SAFETY: blocks of class `c` are allocated with `LAYOUTS[c]` (see `alloc`).
        unsafe { alloc::dealloc(p, LAYOUTS[c]) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_freed_block_is_reused_by_the_same_class() {
        let small = Layout::from_size_align(40, 8).expect("layout");
        let same_class = Layout::from_size_align(48, 8).expect("layout");
        // SAFETY: non-zero layouts; each block is freed once, with its layout.
        unsafe {
            let a = alloc(small);
            assert!(!a.is_null());
            a.write_bytes(0xab, 40);
            dealloc(a, small);
            let b = alloc(same_class);
            assert_eq!(a, b, "the class's last freed block comes back");
            b.write_bytes(0xcd, 48);
            dealloc(b, same_class);
        }
    }

    #[test]
    fn big_and_overaligned_blocks_go_to_the_allocator() {
        assert_eq!(class_of(Layout::from_size_align(200, 8).expect("layout")), None);
        assert_eq!(class_of(Layout::from_size_align(32, 64).expect("layout")), None);
        assert_eq!(class_of(Layout::from_size_align(96, 8).expect("layout")), Some(5));
        assert_eq!(class_of(Layout::from_size_align(16, 8).expect("layout")), Some(0));
    }

    #[test]
    fn a_list_keeps_at_most_keep_blocks() {
        let l = Layout::from_size_align(64, 8).expect("layout");
        // SAFETY: as above.
        unsafe {
            let blocks: Vec<*mut u8> = (0..KEEP + 10).map(|_| alloc(l)).collect();
            for &b in &blocks {
                dealloc(b, l);
            }
        }
        let kept = LISTS.with(|ls| ls.borrow().0[3].len());
        assert_eq!(kept, KEEP);
    }
}
