package dev.eddy.sse.replay;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Looks up where a stream starts in a {@link Recording} ({@code Last-Event-ID}, {@code since}) and
 * renders its events in later loop passes.
 *
 * <p>Pass {@code p} shifts every id position (Kafka offsets and timestamps of Wikimedia-style ids,
 * decimal ids) by {@code p × (span + 1)}, where span is the distance between the smallest and the
 * largest value the recording holds on that position key, so ids keep increasing from pass to pass.
 * Event times shift by {@code p × period}, the period being the time between the first and the last
 * event time (at least one second); JSON data has {@code meta.offset}, {@code meta.dt} and {@code
 * timestamp} rewritten to match (see {@link LoopTemplate}).
 */
final class RecordingIndex {

    private static final long MIN_PERIOD_MILLIS = 1000;

    private final Recording recording;
    private final boolean loop;
    private final LoopTemplate[] idTemplates;
    private final LoopTemplate[] dataTemplates;
    private final Map<String, Integer> lastIndexById = new HashMap<>();
    private final Map<String, PositionIndex> positionIndexes = new HashMap<>();
    private final Map<String, Long> loopShifts = new HashMap<>();
    private final long firstEventTime;
    private final long periodMillis;

    RecordingIndex(Recording recording, boolean loop) {
        this.recording = recording;
        this.loop = loop;
        this.idTemplates = new LoopTemplate[loop ? recording.size() : 0];
        this.dataTemplates = new LoopTemplate[loop ? recording.size() : 0];
        Map<String, List<long[]>> valuesByKey = new HashMap<>();
        long minTime = Long.MAX_VALUE;
        long maxTime = Long.MIN_VALUE;
        for (int i = 0; i < recording.size(); i++) {
            ReplayEvent event = recording.get(i);
            if (!event.id().isEmpty()) {
                lastIndexById.put(event.id(), i);
                for (EventIds.Position position : EventIds.positions(event.id())) {
                    valuesByKey
                            .computeIfAbsent(position.key(), k -> new ArrayList<>())
                            .add(new long[] {position.value(), i});
                }
            }
            if (loop) {
                idTemplates[i] = LoopTemplate.forId(event.id());
                dataTemplates[i] = LoopTemplate.forData(event.data());
            }
            if (event.hasEventTime()) {
                minTime = Math.min(minTime, event.eventTimeMillis());
                maxTime = Math.max(maxTime, event.eventTimeMillis());
            }
        }
        valuesByKey.forEach(
                (key, values) -> {
                    PositionIndex index = new PositionIndex(values);
                    positionIndexes.put(key, index);
                    loopShifts.put(key, index.span() + 1);
                });
        this.firstEventTime = minTime == Long.MAX_VALUE ? ReplayEvent.NO_EVENT_TIME : minTime;
        this.periodMillis =
                minTime == Long.MAX_VALUE
                        ? MIN_PERIOD_MILLIS
                        : Math.max(MIN_PERIOD_MILLIS, maxTime - minTime);
    }

    int size() {
        return recording.size();
    }

    /**
     * The position right after the event with this id: an exact match, else the last event at or
     * before one of the id's positions (on the same topic and partition for Wikimedia-style ids).
     * Null if the id is unknown.
     */
    StreamPosition after(String lastEventId) {
        Integer exact = lastIndexById.get(lastEventId);
        if (exact != null) {
            return new StreamPosition(0, exact + 1);
        }
        for (EventIds.Position position : EventIds.positions(lastEventId)) {
            PositionIndex index = positionIndexes.get(position.key());
            if (index == null || position.value() < index.min()) {
                continue;
            }
            long pass =
                    loop ? (position.value() - index.min()) / loopShifts.get(position.key()) : 0;
            long value = position.value() - pass * loopShifts.get(position.key());
            return new StreamPosition(pass, index.lastIndexAtOrBefore(value) + 1);
        }
        return null;
    }

    /**
     * The position of the first event whose event time is at or after {@code sinceMillis}, the end
     * of the recording if there is none (unless looping), the start if no event has a time.
     */
    StreamPosition since(long sinceMillis) {
        if (firstEventTime == ReplayEvent.NO_EVENT_TIME) {
            return StreamPosition.START;
        }
        long pass =
                loop && sinceMillis > firstEventTime
                        ? (sinceMillis - firstEventTime) / periodMillis
                        : 0;
        int index = firstAtOrAfter(sinceMillis, pass);
        if (index < 0 && loop) {
            return new StreamPosition(pass + 1, firstAtOrAfter(sinceMillis, pass + 1));
        }
        return new StreamPosition(pass, index < 0 ? size() : index);
    }

    /** The event at this index as it is served in this pass (only pass 0 unless looping). */
    ReplayEvent eventInPass(int index, long pass) {
        ReplayEvent event = recording.get(index);
        if (pass == 0) {
            return event;
        }
        long timeShift = pass * periodMillis;
        return new ReplayEvent(
                idTemplates[index].render(pass, loopShifts, timeShift),
                event.type(),
                dataTemplates[index].render(pass, loopShifts, timeShift),
                event.hasEventTime()
                        ? event.eventTimeMillis() + timeShift
                        : ReplayEvent.NO_EVENT_TIME);
    }

    private int firstAtOrAfter(long sinceMillis, long pass) {
        long shift = pass * periodMillis;
        for (int i = 0; i < size(); i++) {
            ReplayEvent event = recording.get(i);
            if (event.hasEventTime() && event.eventTimeMillis() + shift >= sinceMillis) {
                return i;
            }
        }
        return -1;
    }

    /** The values a recording holds on one position key, sorted, with their event indexes. */
    private static final class PositionIndex {

        private final long[] values;
        private final int[] indexes;

        PositionIndex(List<long[]> valueIndexPairs) {
            long[][] sorted = valueIndexPairs.toArray(new long[0][]);
            Arrays.sort(
                    sorted,
                    Comparator.<long[]>comparingLong(pair -> pair[0])
                            .thenComparingLong(pair -> pair[1]));
            values = new long[sorted.length];
            indexes = new int[sorted.length];
            for (int i = 0; i < sorted.length; i++) {
                values[i] = sorted[i][0];
                indexes[i] = (int) sorted[i][1];
            }
        }

        long min() {
            return values[0];
        }

        long span() {
            return values[values.length - 1] - values[0];
        }

        /** The event index of the last value at or before {@code value} (which is ≥ min). */
        int lastIndexAtOrBefore(long value) {
            int found = Arrays.binarySearch(values, value);
            int at = found >= 0 ? found : -found - 2;
            while (at + 1 < values.length && values[at + 1] == value) {
                at++;
            }
            return indexes[at];
        }
    }
}
