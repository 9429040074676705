package org.switchboard.routing.internal.engine;

import java.util.Arrays;
import java.util.Comparator;

/**
 * A binary min-heap whose entries know their position, so any entry is removed in O(log n) and nothing is
 * allocated per entry: the engine's deadlines (an accepted offer takes its timeout out at once). A lane's
 * waiting items use the engine's own 4-ary heap with flat sort keys, which keeps their position in the same
 * {@link Entry#index}. An entry sits in at most one heap at a time. Not thread-safe; the engine's lock
 * guards it.
 */
class IndexedHeap<T extends IndexedHeap.Entry> {

    /** What a heap holds: its position there, -1 when it is in none. */
    abstract static class Entry {
        int index = -1;
    }

    private final Comparator<? super T> order;
    private Entry[] heap = new Entry[16];
    private int size;

    IndexedHeap(Comparator<? super T> order) {
        this.order = order;
    }

    final boolean isEmpty() {
        return size == 0;
    }

    final int size() {
        return size;
    }

    /** The first entry in the heap's order; call only when the heap is not empty. */
    @SuppressWarnings("unchecked")
    final T peek() {
        return (T) heap[0];
    }

    final void add(T entry) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        heap[size] = entry;
        entry.index = size;
        size++;
        up(entry.index);
    }

    final T poll() {
        T first = peek();
        removeAt(0);
        return first;
    }

    /** Removes the entry if it is in this heap; does nothing otherwise. */
    final void remove(T entry) {
        int i = entry.index;
        if (i >= 0 && i < size && heap[i] == entry) {
            removeAt(i);
        }
    }

    private void removeAt(int i) {
        Entry removed = heap[i];
        size--;
        if (i != size) {
            heap[i] = heap[size];
            heap[i].index = i;
            heap[size] = null;
            down(i);
            up(i);
        } else {
            heap[size] = null;
        }
        removed.index = -1;
    }

    @SuppressWarnings("unchecked")
    private int compare(Entry a, Entry b) {
        return order.compare((T) a, (T) b);
    }

    private void up(int i) {
        Entry entry = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (compare(heap[parent], entry) <= 0) {
                break;
            }
            heap[i] = heap[parent];
            heap[i].index = i;
            i = parent;
        }
        heap[i] = entry;
        entry.index = i;
    }

    private void down(int i) {
        Entry entry = heap[i];
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && compare(heap[child + 1], heap[child]) < 0) {
                child++;
            }
            if (compare(heap[child], entry) >= 0) {
                break;
            }
            heap[i] = heap[child];
            heap[i].index = i;
            i = child;
        }
        heap[i] = entry;
        entry.index = i;
    }
}
