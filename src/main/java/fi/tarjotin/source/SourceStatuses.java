package fi.tarjotin.source;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.springframework.stereotype.Component;

/**
 * Each source as a coordinator follows it: its last run and when the schedule runs it next. A source whose
 * last run did not succeed needs attention.
 */
@Component
public class SourceStatuses {

    private final ImportLauncher launcher;
    private final JdbcImportRunRepository runs;
    private final Scheduler scheduler;

    SourceStatuses(ImportLauncher launcher, JdbcImportRunRepository runs, Scheduler scheduler) {
        this.launcher = launcher;
        this.runs = runs;
        this.scheduler = scheduler;
    }

    /**
     * One source: {@code lastRun} is empty before the first run, {@code nextRun} when nothing is scheduled
     * (spreadsheets arrive as files; a switched-off source).
     */
    public record SourceStatus(String source, boolean startable, Optional<ImportRun> lastRun, Optional<Instant> nextRun) {

        /** Failed, partial or abandoned: some of the source did not arrive. */
        public boolean needsAttention() {
            return lastRun.map(run -> run.status() == RunStatus.FAILED || run.status() == RunStatus.PARTIAL
                    || run.status() == RunStatus.ABANDONED).orElse(false);
        }

        public boolean running() {
            return lastRun.map(run -> run.status() == RunStatus.RUNNING).orElse(false);
        }
    }

    /** Every enabled source and every source that has run, by name. */
    public List<SourceStatus> all() {
        SortedSet<String> sources = new TreeSet<>(launcher.sources());
        sources.addAll(runs.sourcesWithRuns());
        List<SourceStatus> statuses = new ArrayList<>();
        for (String source : sources) {
            statuses.add(new SourceStatus(source, launcher.hasSource(source),
                    runs.findRecent(source, 1, 0).stream().findFirst(), nextRun(source)));
        }
        return statuses;
    }

    // The source's routes schedule quartz:<source>/<kind>, so its triggers are the trigger group named after it.
    private Optional<Instant> nextRun(String source) {
        try {
            Instant next = null;
            for (TriggerKey key : scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals(source))) {
                Trigger trigger = scheduler.getTrigger(key);
                Date fires = trigger == null ? null : trigger.getNextFireTime();
                if (fires != null && (next == null || fires.toInstant().isBefore(next))) {
                    next = fires.toInstant();
                }
            }
            return Optional.ofNullable(next);
        } catch (SchedulerException e) {
            throw new IllegalStateException("The Quartz scheduler could not list the triggers of " + source, e);
        }
    }
}
