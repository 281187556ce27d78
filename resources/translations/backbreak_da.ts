<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="da" sourcelanguage="en">
<context>
    <name>Actions</name>
    <message>
        <source>Take a break now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start break</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snooze</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip break</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For 30 minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For 1 hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Until tomorrow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In a meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Until I end it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your breaks…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About backbreak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snooze %n min</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Breathing</name>
    <message>
        <source>Breathing pacer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shows when to breathe in, hold and breathe out, with a countdown for each.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Breathing circle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grows as you breathe in and shrinks as you breathe out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Breathe in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Breathe out</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Exercise</name>
    <message>
        <source>You gave your back %1. Back to work, a little looser.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to work, a little looser.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — backbreak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, guided exercise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exercise progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Illustration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time left in this step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go back to the previous step (Left arrow)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause the countdown (Space)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip to the next step (Right arrow)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finish early</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End the exercise here: the time done counts as a shorter break</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close without taking the break: it is not counted, a new interval starts (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finish the break and get back to work (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%n s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Carry on with the countdown (Space)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exercise completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Well done.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Prompt</name>
    <message>
        <source>Time for a break — backbreak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snooze %n min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Break prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the guided exercise now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remind me again a little later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip this break and start a new interval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time to stand up and move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time for a seated exercise at your desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time for an exercise on the floor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time for a breathing break</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time for a break</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>floor space</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>chair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%n min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%n s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Safety</name>
    <message>
        <source>Before you start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move gently, within a range that feels comfortable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop if the pain gets worse or feels sharp.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If mid-back pain persists despite regular exercise, or limits your daily activities, see a healthcare professional.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These exercises complement professional care; they do not replace it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — backbreak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Safety note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Got it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide the safety note; the general points will not be shown again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide the safety note until this exercise starts again</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SafetyWords</name>
    <message>
        <source>comfortable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pain gets worse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mid-back pain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>professional care</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Box breathing (4-4-4-4)</source>
        <extracomment>The breathing patterns as the dialog names them (the patterns themselves are core&apos;s).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slow breathing (5.5 in, 5.5 out)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same as the system</source>
        <extracomment>The interface languages as the dialog names them: each in its own words, so that someone who cannot read the current language still finds theirs (not translated, except &quot;system&quot;).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interval between breaks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How long you work at the computer between two breaks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The days on which backbreak reminds you to take breaks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work starts at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When your working day starts, in local time (24-hour clock).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work ends at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When your working day ends. A time before “Work starts at” means the day runs past midnight (a night shift); the same time means around the clock.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snooze for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How long “Snooze” puts a break off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Break</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exercise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What a break shows. Alternate takes the office exercises in turn, each followed by paced breathing; pick one exercise to always do that one, or “Rotate through…” to tick several and put them in order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Breathing pattern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pace of paced breathing. Box: breathe in, hold, breathe out and hold for 4 seconds each. Slow: breathe in and out for 5.5 seconds each, without holding.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reduce motion in the breathing pacer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the breathing pacer as a countdown with the phase name instead of a moving shape.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sound</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chime at each step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play a soft chime when an exercise moves on to its next step.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chime volume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How loud the chime is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the steps aloud</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read each step aloud where the system has a speech engine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Awareness</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count as away after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How long without keyboard or mouse input counts as being away from the computer, so that reading something for a while is not mistaken for a break.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold breaks back while a window is full screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold prompts back while the focused window is fullscreen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold breaks back while do-not-disturb is on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold prompts back while the desktop&apos;s do-not-disturb mode is on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold breaks back during calls, presentations and videos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold prompts back while an app keeps the session awake: a video call, a presentation or a video playing (GNOME, KDE Plasma and other desktops with the freedesktop power management interface).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep a history of my breaks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record each break (prompted, taken, snoozed, skipped...) on this computer, for the Your breaks window and the backbreak history command. Off: nothing new is recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>breaks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Daily goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many breaks you want to take on a work day; streaks count days that reach it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mid-back routine, days a week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On how many days a week you want to do the whole mid-back routine: each routine exercise in your rotation completed at least once that day (3 to 4 is advised).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The language of backbreak&apos;s windows, menus, notifications and exercises. Takes effect the next time backbreak starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>backbreak settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the settings and close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close without saving</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restore defaults</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill in the default values; not saved yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems with the settings files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Defaults filled in; choose OK or Apply to save them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not reload the settings: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reloaded the settings from the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the settings: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>backbreak will not change this settings file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Locked in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not allowed: use %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weekdays</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start backbreak when I log in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not supported on this system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start at login is %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose OK or Apply to turn it on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose OK or Apply to turn it off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>set by your organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No work days: no breaks will be planned.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a time: type one from 00:00 to 23:59, such as 22:00, 2200 or 22.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>standing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>floor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>chair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>floor space</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 → %2 next day</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message numerus="yes">
        <source>Break in progress</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Break due now</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>In a meeting: no breaks until you end it</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>In a meeting until %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Paused until %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 · next break %2</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No breaks planned (check your work days and hours)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Snoozed until %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Break due: waiting (%1)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Next break at %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <source>Next break</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No system tray was found, so backbreak shows this window instead. Closing it minimises it; use Quit to stop backbreak.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your breaks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
