package org.switchboard.routing.internal.engine;

import java.util.Arrays;

/**
 * A binary min-heap of the engine's deadlines that can also remove a timer in O(log n): an accepted offer
 * takes its timeout out at once instead of leaving it until it falls due. Not thread-safe; the engine's
 * lock guards it.
 */
final class TimerHeap {

    private RoutingEngine.Timer[] heap = new RoutingEngine.Timer[256];
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    RoutingEngine.Timer peek() {
        return heap[0];
    }

    void add(RoutingEngine.Timer timer) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        heap[size] = timer;
        timer.index = size;
        size++;
        up(timer.index);
    }

    RoutingEngine.Timer poll() {
        RoutingEngine.Timer first = heap[0];
        removeAt(0);
        return first;
    }

    /** Removes the timer if it is in the heap; does nothing otherwise. */
    void remove(RoutingEngine.Timer timer) {
        int i = timer.index;
        if (i >= 0 && i < size && heap[i] == timer) {
            removeAt(i);
        }
    }

    private void removeAt(int i) {
        RoutingEngine.Timer removed = heap[i];
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

    private void up(int i) {
        RoutingEngine.Timer timer = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (heap[parent].compareTo(timer) <= 0) {
                break;
            }
            heap[i] = heap[parent];
            heap[i].index = i;
            i = parent;
        }
        heap[i] = timer;
        timer.index = i;
    }

    private void down(int i) {
        RoutingEngine.Timer timer = heap[i];
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && heap[child + 1].compareTo(heap[child]) < 0) {
                child++;
            }
            if (heap[child].compareTo(timer) >= 0) {
                break;
            }
            heap[i] = heap[child];
            heap[i].index = i;
            i = child;
        }
        heap[i] = timer;
        timer.index = i;
    }
}
