<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="da" sourcelanguage="en">
<context>
    <name>About</name>
    <message>
        <source>About backbreak</source>
        <translation>Om backbreak</translation>
    </message>
    <message>
        <source>backbreak reminds you to stand up, move and breathe during your work hours, before your mid-back starts to hurt, and guides you through a short exercise for it.</source>
        <translation>backbreak minder dig om at rejse dig, bevæge dig og trække vejret i din arbejdstid, før den midterste del af ryggen begynder at gøre ondt, og guider dig gennem en kort øvelse.</translation>
    </message>
    <message>
        <source>The exercises are written for backbreak from what these sources recommend: The Prehab Guys, “Mid Back Prehab”; Physio-pedia, “Back Exercises”; American Academy of Orthopaedic Surgeons, “Spine Conditioning Program” (OrthoInfo) and Rehabilitation of the Spine (2017); Mayo Clinic, “Back Pain: How to Prevent and Manage it”; University of Rochester Medical Center, Back Exercise Guide; New York State Workers’ Compensation Board, Mid and Low Back Injury Medical Treatment Guidelines (2021); Kjaer P. et al. (2014), “Mid-back Pain: An Overview”, Journal of Pain Research.</source>
        <translation>Øvelserne er skrevet til backbreak ud fra, hvad disse kilder anbefaler: The Prehab Guys, “Mid Back Prehab”; Physio-pedia, “Back Exercises”; American Academy of Orthopaedic Surgeons, “Spine Conditioning Program” (OrthoInfo) og Rehabilitation of the Spine (2017); Mayo Clinic, “Back Pain: How to Prevent and Manage it”; University of Rochester Medical Center, Back Exercise Guide; New York State Workers’ Compensation Board, Mid and Low Back Injury Medical Treatment Guidelines (2021); Kjaer P. m.fl. (2014), “Mid-back Pain: An Overview”, Journal of Pain Research.</translation>
    </message>
    <message>
        <source>backbreak is free software: you may share and change it under the GNU General Public License, version 3 or (at your option) any later version. It comes with no warranty.</source>
        <translation>backbreak er fri software: du må dele og ændre det under GNU General Public License, version 3 eller (efter dit valg) enhver senere version. Der følger ingen garanti med.</translation>
    </message>
    <message>
        <source>Built with Qt for Python (PySide6), APScheduler, platformdirs, tomli-w and pywayland. The illustrations, icons and chime were made for backbreak.</source>
        <translation>Bygget med Qt for Python (PySide6), APScheduler, platformdirs, tomli-w og pywayland. Illustrationerne, ikonerne og klokkeslaget er lavet til backbreak.</translation>
    </message>
    <message>
        <source>backbreak icon</source>
        <translation>backbreak-ikon</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>What backbreak is</source>
        <translation>Hvad backbreak er</translation>
    </message>
    <message>
        <source>Safety</source>
        <translation>Sikkerhed</translation>
    </message>
    <message>
        <source>Where the exercises come from</source>
        <translation>Hvor øvelserne kommer fra</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Licens</translation>
    </message>
    <message>
        <source>Credits</source>
        <translation>Tak til</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detaljer</translation>
    </message>
    <message>
        <source>Show or hide where backbreak keeps its files and which desktop services it uses</source>
        <translation>Vis eller skjul, hvor backbreak gemmer sine filer, og hvilke skrivebordstjenester det bruger</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Kopiér detaljer</translation>
    </message>
    <message>
        <source>Copy the version and these details, for a bug report</source>
        <translation>Kopiér versionen og disse detaljer til en fejlrapport</translation>
    </message>
    <message>
        <source>Open settings folder</source>
        <translation>Åbn mappen med indstillinger</translation>
    </message>
    <message>
        <source>Show the folder with settings.toml and your own exercises</source>
        <translation>Vis mappen med settings.toml og dine egne øvelser</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Luk</translation>
    </message>
    <message>
        <source>Close this window</source>
        <translation>Luk dette vindue</translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <source>Take a break now</source>
        <translation>Hold pause nu</translation>
    </message>
    <message>
        <source>Start break</source>
        <translation>Start pausen</translation>
    </message>
    <message>
        <source>Snooze</source>
        <translation>Udsæt</translation>
    </message>
    <message>
        <source>Skip break</source>
        <translation>Spring pausen over</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Sæt på pause</translation>
    </message>
    <message>
        <source>For 30 minutes</source>
        <translation>I 30 minutter</translation>
    </message>
    <message>
        <source>For 1 hour</source>
        <translation>I 1 time</translation>
    </message>
    <message>
        <source>Until tomorrow</source>
        <translation>Til i morgen</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsæt</translation>
    </message>
    <message>
        <source>In a meeting</source>
        <translation>Til møde</translation>
    </message>
    <message>
        <source>Until I end it</source>
        <translation>Indtil jeg afslutter det</translation>
    </message>
    <message>
        <source>End meeting</source>
        <translation>Afslut mødet</translation>
    </message>
    <message>
        <source>Your breaks…</source>
        <translation>Dine pauser…</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Indstillinger…</translation>
    </message>
    <message>
        <source>About backbreak</source>
        <translation>Om backbreak</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Afslut</translation>
    </message>
</context>
<context>
    <name>Breathing</name>
    <message>
        <source>Breathing pacer</source>
        <translation>Vejrtrækningsguide</translation>
    </message>
    <message>
        <source>Shows when to breathe in, hold and breathe out, with a countdown for each.</source>
        <translation>Viser, hvornår du skal trække vejret ind, holde vejret og puste ud, med en nedtælling for hver.</translation>
    </message>
    <message>
        <source>Breathing circle</source>
        <translation>Vejrtrækningscirkel</translation>
    </message>
    <message>
        <source>Grows as you breathe in and shrinks as you breathe out.</source>
        <translation>Vokser, når du trækker vejret ind, og skrumper, når du puster ud.</translation>
    </message>
    <message>
        <source>Breathe in</source>
        <translation>Træk vejret ind</translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>Hold vejret</translation>
    </message>
    <message>
        <source>Breathe out</source>
        <translation>Pust ud</translation>
    </message>
</context>
<context>
    <name>Exercise</name>
    <message>
        <source>You gave your back %1. Back to work, a little looser.</source>
        <translation>Du gav din ryg %1. Tilbage til arbejdet, lidt mere smidig.</translation>
    </message>
    <message>
        <source>Back to work, a little looser.</source>
        <translation>Tilbage til arbejdet, lidt mere smidig.</translation>
    </message>
    <message>
        <source>%1 — backbreak</source>
        <translation>%1 — backbreak</translation>
    </message>
    <message>
        <source>%1, guided exercise</source>
        <translation>%1, guidet øvelse</translation>
    </message>
    <message>
        <source>Exercise progress</source>
        <translation>Øvelsens forløb</translation>
    </message>
    <message>
        <source>Illustration</source>
        <translation>Illustration</translation>
    </message>
    <message>
        <source>Time left in this step</source>
        <translation>Tid tilbage af dette trin</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>På pause</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Tilbage</translation>
    </message>
    <message>
        <source>Go back to the previous step (Left arrow)</source>
        <translation>Gå tilbage til forrige trin (venstre pil)</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Pause the countdown (Space)</source>
        <translation>Sæt nedtællingen på pause (mellemrum)</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Næste</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>Næste trin</translation>
    </message>
    <message>
        <source>Skip to the next step (Right arrow)</source>
        <translation>Spring til næste trin (højre pil)</translation>
    </message>
    <message>
        <source>Finish early</source>
        <translation>Slut før tid</translation>
    </message>
    <message>
        <source>End the exercise here: the time done counts as a shorter break</source>
        <translation>Afslut øvelsen her: den tid, du har brugt, tæller som en kortere pause</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Luk</translation>
    </message>
    <message>
        <source>Close without taking the break: it is not counted, a new interval starts (Esc)</source>
        <translation>Luk uden at holde pausen: den tæller ikke, og et nyt interval begynder (Esc)</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Færdig</translation>
    </message>
    <message>
        <source>Finish the break and get back to work (Enter)</source>
        <translation>Afslut pausen og gå tilbage til arbejdet (Enter)</translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>Trin %1 af %2</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>%1 tilbage</translation>
    </message>
    <message>
        <source>Carry on with the countdown (Space)</source>
        <translation>Fortsæt nedtællingen (mellemrum)</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Færdig</translation>
    </message>
    <message>
        <source>Exercise completed</source>
        <translation>Øvelsen er gennemført</translation>
    </message>
    <message>
        <source>Well done.</source>
        <translation>Godt gået.</translation>
    </message>
</context>
<context>
    <name>Notices</name>
    <message>
        <source>backbreak settings</source>
        <translation>Indstillinger for backbreak</translation>
    </message>
    <message>
        <source>backbreak history</source>
        <translation>Historik i backbreak</translation>
    </message>
</context>
<context>
    <name>Plural</name>
    <message numerus="yes">
        <source>Snooze %n min</source>
        <translation>
            <numerusform>Udsæt %n min.</numerusform>
            <numerusform>Udsæt %n min.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n s</source>
        <translation>
            <numerusform>%n sek.</numerusform>
            <numerusform>%n sek.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n min.</numerusform>
            <numerusform>%n min.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… og %n mere</numerusform>
            <numerusform>… og %n mere</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n break(s) today</source>
        <translation>
            <numerusform>%1 af %n pause i dag</numerusform>
            <numerusform>%1 af %n pauser i dag</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n break(s) taken of %1 due · %2</source>
        <translation>
            <numerusform>%n pause holdt af %1 planlagte · %2</numerusform>
            <numerusform>%n pauser holdt af %1 planlagte · %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No streak yet: take %n break(s) on a day to start one · best %1</source>
        <translation>
            <numerusform>Ingen stime endnu: hold %n pause på en dag for at starte en · bedste %1</numerusform>
            <numerusform>Ingen stime endnu: hold %n pauser på en dag for at starte en · bedste %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) in a row with your daily goal met · best %1</source>
        <translation>
            <numerusform>%n dag i træk med dit daglige mål nået · bedste %1</numerusform>
            <numerusform>%n dage i træk med dit daglige mål nået · bedste %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Mid-back routine: done on %1 of %n day(s) this week — done for this week</source>
        <translation>
            <numerusform>Rygprogram: lavet på %1 af %n dag i denne uge — klaret for denne uge</numerusform>
            <numerusform>Rygprogram: lavet på %1 af %n dage i denne uge — klaret for denne uge</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %1 event(s) to %2.</source>
        <translation>
            <numerusform>Eksporterede %1 hændelse til %2.</numerusform>
            <numerusform>Eksporterede %1 hændelser til %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Mid-back routine: done on %1 of %n day(s) this week</source>
        <translation>
            <numerusform>Rygprogram: lavet på %1 af %n dag i denne uge</numerusform>
            <numerusform>Rygprogram: lavet på %1 af %n dage i denne uge</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %2 taken of %3 due (%4 exercised, %5 by being away, %6 skipped); daily goal met on %n day(s); mid-back routine on %7 of %8</source>
        <translation>
            <numerusform>%1: %2 holdt af %3 planlagte (%4 med øvelse, %5 ved at være væk, %6 sprunget over); dagligt mål nået på %n dag; rygprogram på %7 af %8</numerusform>
            <numerusform>%1: %2 holdt af %3 planlagte (%4 med øvelse, %5 ved at være væk, %6 sprunget over); dagligt mål nået på %n dage; rygprogram på %7 af %8</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Breaks taken each week, the last %n week(s), oldest first. %1.</source>
        <translation>
            <numerusform>Pauser holdt hver uge, den seneste %n uge, ældste først. %1.</numerusform>
            <numerusform>Pauser holdt hver uge, de seneste %n uger, ældste først. %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> (in the last %1 weeks alone, %n break(s) taken)</source>
        <translation>
            <numerusform> (alene i de seneste %1 uger: %n pause holdt)</numerusform>
            <numerusform> (alene i de seneste %1 uger: %n pauser holdt)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Prompt</name>
    <message>
        <source>Time for a break — backbreak</source>
        <translation>Tid til en pause — backbreak</translation>
    </message>
    <message>
        <source>Break prompt</source>
        <translation>Påmindelse om pause</translation>
    </message>
    <message>
        <source>Start</source>
        <extracomment>How long a dismissal waits for the action that may have caused it: servers send ActionInvoked and NotificationClosed as two signals, in either order.</extracomment>
        <translation>Start</translation>
    </message>
    <message>
        <source>Start the guided exercise now</source>
        <translation>Start den guidede øvelse nu</translation>
    </message>
    <message>
        <source>Remind me again a little later</source>
        <translation>Mind mig om det lidt senere</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Spring over</translation>
    </message>
    <message>
        <source>Skip this break and start a new interval</source>
        <translation>Spring denne pause over og start et nyt interval</translation>
    </message>
    <message>
        <source>Time to stand up and move</source>
        <translation>Tid til at rejse dig og bevæge dig</translation>
    </message>
    <message>
        <source>Time for a seated exercise at your desk</source>
        <translation>Tid til en siddende øvelse ved skrivebordet</translation>
    </message>
    <message>
        <source>Time for an exercise on the floor</source>
        <translation>Tid til en øvelse på gulvet</translation>
    </message>
    <message>
        <source>Time for a breathing break</source>
        <translation>Tid til en vejrtrækningspause</translation>
    </message>
    <message>
        <source>Time for a break</source>
        <translation>Tid til en pause</translation>
    </message>
    <message>
        <source>floor space</source>
        <translation>plads på gulvet</translation>
    </message>
    <message>
        <source>chair</source>
        <translation>stol</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min. %2 sek.</translation>
    </message>
    <message>
        <source>Needs: %1</source>
        <translation>Kræver: %1</translation>
    </message>
</context>
<context>
    <name>Safety</name>
    <message>
        <source>Before you start</source>
        <translation>Før du går i gang</translation>
    </message>
    <message>
        <source>Move gently, within a range that feels comfortable.</source>
        <translation>Bevæg dig roligt og kun så langt, som det føles behageligt.</translation>
    </message>
    <message>
        <source>Stop if the pain gets worse or feels sharp.</source>
        <translation>Stop, hvis smerten bliver værre eller føles skarp.</translation>
    </message>
    <message>
        <source>If mid-back pain persists despite regular exercise, or limits your daily activities, see a healthcare professional.</source>
        <translation>Hvis smerter i den midterste del af ryggen varer ved trods regelmæssig træning eller begrænser dig i hverdagen, så søg en læge eller fysioterapeut.</translation>
    </message>
    <message>
        <source>These exercises complement professional care; they do not replace it.</source>
        <translation>Øvelserne er et supplement til professionel behandling, ikke en erstatning for den.</translation>
    </message>
    <message>
        <source>%1 — backbreak</source>
        <translation>%1 — backbreak</translation>
    </message>
    <message>
        <source>Safety note</source>
        <translation>Sikkerhedsnote</translation>
    </message>
    <message>
        <source>Got it</source>
        <translation>Forstået</translation>
    </message>
    <message>
        <source>Hide the safety note; the general points will not be shown again</source>
        <translation>Skjul sikkerhedsnoten; de generelle punkter vises ikke igen</translation>
    </message>
    <message>
        <source>Hide the safety note until this exercise starts again</source>
        <translation>Skjul sikkerhedsnoten, indtil øvelsen starter igen</translation>
    </message>
</context>
<context>
    <name>SafetyWords</name>
    <message>
        <source>comfortable</source>
        <translation>behageligt</translation>
    </message>
    <message>
        <source>pain gets worse</source>
        <translation>smerten bliver værre</translation>
    </message>
    <message>
        <source>mid-back pain</source>
        <translation>midterste del af ryggen</translation>
    </message>
    <message>
        <source>professional care</source>
        <translation>professionel behandling</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Box breathing (4-4-4-4)</source>
        <extracomment>The breathing patterns as the dialog names them (the patterns themselves are core&apos;s).</extracomment>
        <translation>Firkantvejrtrækning (4-4-4-4)</translation>
    </message>
    <message>
        <source>Slow breathing (5.5 in, 5.5 out)</source>
        <translation>Langsom vejrtrækning (5,5 ind, 5,5 ud)</translation>
    </message>
    <message>
        <source>Same as the system</source>
        <extracomment>The interface languages as the dialog names them: each in its own words, so that someone who cannot read the current language still finds theirs (not translated, except &quot;system&quot;).</extracomment>
        <translation>Som systemet</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Tidsplan</translation>
    </message>
    <message>
        <source>min</source>
        <translation>min.</translation>
    </message>
    <message>
        <source>Interval between breaks</source>
        <translation>Tid mellem pauser</translation>
    </message>
    <message>
        <source>How long you work at the computer between two breaks.</source>
        <translation>Hvor længe du arbejder ved computeren mellem to pauser.</translation>
    </message>
    <message>
        <source>Work days</source>
        <translation>Arbejdsdage</translation>
    </message>
    <message>
        <source>The days on which backbreak reminds you to take breaks.</source>
        <translation>De dage, hvor backbreak minder dig om at holde pauser.</translation>
    </message>
    <message>
        <source>Work starts at</source>
        <translation>Arbejdet starter kl.</translation>
    </message>
    <message>
        <source>When your working day starts, in local time (24-hour clock).</source>
        <translation>Hvornår din arbejdsdag starter, i lokal tid (24-timers ur).</translation>
    </message>
    <message>
        <source>Work ends at</source>
        <translation>Arbejdet slutter kl.</translation>
    </message>
    <message>
        <source>When your working day ends. A time before “Work starts at” means the day runs past midnight (a night shift); the same time means around the clock.</source>
        <translation>Hvornår din arbejdsdag slutter. Et tidspunkt før “Arbejdet starter kl.” betyder, at dagen går over midnat (nattevagt); samme tidspunkt betyder døgnet rundt.</translation>
    </message>
    <message>
        <source>Snooze for</source>
        <translation>Udsæt i</translation>
    </message>
    <message>
        <source>How long “Snooze” puts a break off.</source>
        <translation>Hvor længe “Udsæt” skyder en pause.</translation>
    </message>
    <message>
        <source>Break</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Exercise</source>
        <translation>Øvelse</translation>
    </message>
    <message>
        <source>What a break shows. Alternate takes the office exercises in turn, each followed by paced breathing; pick one exercise to always do that one, or “Rotate through…” to tick several and put them in order.</source>
        <translation>Hvad en pause viser. Skiftevis tager kontorøvelserne på skift, hver efterfulgt af rolig vejrtrækning; vælg én øvelse for altid at lave den, eller “Skift mellem…” for at sætte flueben ved flere og ordne dem.</translation>
    </message>
    <message>
        <source>Breathing pattern</source>
        <translation>Vejrtrækningsmønster</translation>
    </message>
    <message>
        <source>The pace of paced breathing. Box: breathe in, hold, breathe out and hold for 4 seconds each. Slow: breathe in and out for 5.5 seconds each, without holding.</source>
        <translation>Tempoet i den guidede vejrtrækning. Firkant: træk vejret ind, hold, pust ud og hold i 4 sekunder hver. Langsom: træk vejret ind og pust ud i 5,5 sekunder hver, uden at holde vejret.</translation>
    </message>
    <message>
        <source>Reduce motion in the breathing pacer</source>
        <translation>Mindre bevægelse i vejrtrækningsguiden</translation>
    </message>
    <message>
        <source>Show the breathing pacer as a countdown with the phase name instead of a moving shape.</source>
        <translation>Vis vejrtrækningsguiden som en nedtælling med fasens navn i stedet for en figur, der bevæger sig.</translation>
    </message>
    <message>
        <source>Sound</source>
        <translation>Lyd</translation>
    </message>
    <message>
        <source>Chime at each step</source>
        <translation>Klokkeslag ved hvert trin</translation>
    </message>
    <message>
        <source>Play a soft chime when an exercise moves on to its next step.</source>
        <translation>Spil et blødt klokkeslag, når en øvelse går videre til næste trin.</translation>
    </message>
    <message>
        <source>%</source>
        <translation>%</translation>
    </message>
    <message>
        <source>Chime volume</source>
        <translation>Lydstyrke for klokkeslag</translation>
    </message>
    <message>
        <source>How loud the chime is.</source>
        <translation>Hvor højt klokkeslaget lyder.</translation>
    </message>
    <message>
        <source>Read the steps aloud</source>
        <translation>Læs trinnene højt</translation>
    </message>
    <message>
        <source>Read each step aloud where the system has a speech engine.</source>
        <translation>Læs hvert trin højt, hvis systemet har talesyntese.</translation>
    </message>
    <message>
        <source>Awareness</source>
        <translation>Opmærksomhed</translation>
    </message>
    <message>
        <source>Count as away after</source>
        <translation>Regn som væk efter</translation>
    </message>
    <message>
        <source>How long without keyboard or mouse input counts as being away from the computer, so that reading something for a while is not mistaken for a break.</source>
        <translation>Hvor længe uden brug af tastatur eller mus der tæller som at være væk fra computeren, så det ikke forveksles med en pause, når du læser noget et stykke tid.</translation>
    </message>
    <message>
        <source>Hold breaks back while a window is full screen</source>
        <translation>Hold pauser tilbage, mens et vindue er i fuld skærm</translation>
    </message>
    <message>
        <source>Hold prompts back while the focused window is fullscreen.</source>
        <translation>Hold påmindelser tilbage, mens det aktive vindue er i fuld skærm.</translation>
    </message>
    <message>
        <source>Hold breaks back while do-not-disturb is on</source>
        <translation>Hold pauser tilbage, mens Forstyr ikke er slået til</translation>
    </message>
    <message>
        <source>Hold prompts back while the desktop&apos;s do-not-disturb mode is on.</source>
        <translation>Hold påmindelser tilbage, mens skrivebordets Forstyr ikke er slået til.</translation>
    </message>
    <message>
        <source>Hold breaks back during calls, presentations and videos</source>
        <translation>Hold pauser tilbage under opkald, præsentationer og videoer</translation>
    </message>
    <message>
        <source>Hold prompts back while an app keeps the session awake: a video call, a presentation or a video playing (GNOME, KDE Plasma and other desktops with the freedesktop power management interface).</source>
        <translation>Hold påmindelser tilbage, mens et program holder sessionen vågen: et videoopkald, en præsentation eller en video, der afspilles (GNOME, KDE Plasma og andre skriveborde med freedesktops strømstyringsgrænseflade).</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historik</translation>
    </message>
    <message>
        <source>Keep a history of my breaks</source>
        <translation>Gem en historik over mine pauser</translation>
    </message>
    <message>
        <source>Record each break (prompted, taken, snoozed, skipped...) on this computer, for the Your breaks window and the backbreak history command. Off: nothing new is recorded.</source>
        <translation>Registrér hver pause (påmindet, holdt, udsat, sprunget over …) på denne computer, til vinduet Dine pauser og kommandoen backbreak history. Fra: intet nyt registreres.</translation>
    </message>
    <message>
        <source>breaks</source>
        <translation>pauser</translation>
    </message>
    <message>
        <source>Daily goal</source>
        <translation>Dagligt mål</translation>
    </message>
    <message>
        <source>How many breaks you want to take on a work day; streaks count days that reach it.</source>
        <translation>Hvor mange pauser du vil holde på en arbejdsdag; stimer tæller de dage, der når målet.</translation>
    </message>
    <message>
        <source>days</source>
        <translation>dage</translation>
    </message>
    <message>
        <source>Mid-back routine, days a week</source>
        <translation>Rygprogram, dage om ugen</translation>
    </message>
    <message>
        <source>On how many days a week you want to do the whole mid-back routine: each routine exercise in your rotation completed at least once that day (3 to 4 is advised).</source>
        <translation>Hvor mange dage om ugen du vil lave hele programmet for den midterste del af ryggen: hver programøvelse i din rækkefølge gennemført mindst én gang den dag (3 til 4 anbefales).</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Generelt</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprog</translation>
    </message>
    <message>
        <source>The language of backbreak&apos;s windows, menus, notifications and exercises. Takes effect the next time backbreak starts.</source>
        <translation>Sproget i backbreaks vinduer, menuer, notifikationer og øvelser. Træder i kraft, næste gang backbreak starter.</translation>
    </message>
    <message>
        <source>The settings file was changed outside backbreak.</source>
        <translation>Indstillingsfilen blev ændret uden for backbreak.</translation>
    </message>
    <message>
        <source>backbreak settings</source>
        <translation>Indstillinger for backbreak</translation>
    </message>
    <message>
        <source>%1 was edited while this window was open. Overwrite it with the values shown here, or reload the values from the file (your changes here are then lost)?</source>
        <translation>%1 blev redigeret, mens dette vindue var åbent. Vil du overskrive den med værdierne her, eller genindlæse værdierne fra filen (så går dine ændringer her tabt)?</translation>
    </message>
    <message>
        <source>&amp;Overwrite</source>
        <translation>&amp;Overskriv</translation>
    </message>
    <message>
        <source>&amp;Reload from file</source>
        <translation>&amp;Genindlæs fra filen</translation>
    </message>
    <message>
        <source>&amp;OK</source>
        <translation>&amp;OK</translation>
    </message>
    <message>
        <source>Save the settings and close</source>
        <translation>Gem indstillingerne og luk</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>&amp;Anvend</translation>
    </message>
    <message>
        <source>Save the settings</source>
        <translation>Gem indstillingerne</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>Annu&amp;ller</translation>
    </message>
    <message>
        <source>Close without saving</source>
        <translation>Luk uden at gemme</translation>
    </message>
    <message>
        <source>&amp;Restore defaults</source>
        <translation>&amp;Gendan standarder</translation>
    </message>
    <message>
        <source>Fill in the default values; not saved yet</source>
        <translation>Udfyld standardværdierne; gemmes ikke endnu</translation>
    </message>
    <message>
        <source>Problems with the settings files</source>
        <translation>Problemer med indstillingsfilerne</translation>
    </message>
    <message>
        <source>Settings pages</source>
        <translation>Indstillingssider</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Defaults filled in; choose OK or Apply to save them.</source>
        <translation>Standardværdier udfyldt; vælg OK eller Anvend for at gemme dem.</translation>
    </message>
    <message>
        <source>Could not reload the settings: %1</source>
        <translation>Kunne ikke genindlæse indstillingerne: %1</translation>
    </message>
    <message>
        <source>Reloaded the settings from the file.</source>
        <translation>Indstillingerne er genindlæst fra filen.</translation>
    </message>
    <message>
        <source>Could not save the settings: %1</source>
        <translation>Kunne ikke gemme indstillingerne: %1</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>Indstillingerne er gemt.</translation>
    </message>
    <message>
        <source>backbreak will not change this settings file.</source>
        <translation>backbreak ændrer ikke denne indstillingsfil.</translation>
    </message>
    <message>
        <source>Locked in %1</source>
        <translation>Låst i %1</translation>
    </message>
    <message>
        <source>Not allowed: use %1.</source>
        <translation>Ikke tilladt: brug %1.</translation>
    </message>
    <message>
        <source>Every day</source>
        <translation>Alle dage</translation>
    </message>
    <message>
        <source>Weekdays</source>
        <translation>Hverdage</translation>
    </message>
    <message>
        <source>Start backbreak when I log in</source>
        <translation>Start backbreak, når jeg logger ind</translation>
    </message>
    <message>
        <source>not supported on this system</source>
        <translation>understøttes ikke på dette system</translation>
    </message>
    <message>
        <source>on (%1)</source>
        <translation>slået til (%1)</translation>
    </message>
    <message>
        <source>off (when on: %1)</source>
        <translation>slået fra (når det er slået til: %1)</translation>
    </message>
    <message>
        <source>not supported on this system (%1)</source>
        <translation>understøttes ikke på dette system (%1)</translation>
    </message>
    <message>
        <source>Start at login is %1.</source>
        <translation>Start ved login er %1.</translation>
    </message>
    <message>
        <source>Choose OK or Apply to turn it on.</source>
        <translation>Vælg OK eller Anvend for at slå det til.</translation>
    </message>
    <message>
        <source>Choose OK or Apply to turn it off.</source>
        <translation>Vælg OK eller Anvend for at slå det fra.</translation>
    </message>
    <message>
        <source>set by your organisation</source>
        <translation>fastsat af din organisation</translation>
    </message>
    <message>
        <source>No work days: no breaks will be planned.</source>
        <translation>Ingen arbejdsdage: der planlægges ingen pauser.</translation>
    </message>
    <message>
        <source>Not a time: type one from 00:00 to 23:59, such as 22:00, 2200 or 22.</source>
        <translation>Ikke et tidspunkt: skriv et fra 00:00 til 23:59, fx 22:00, 2200 eller 22.</translation>
    </message>
    <message>
        <source>seated</source>
        <translation>siddende</translation>
    </message>
    <message>
        <source>standing</source>
        <translation>stående</translation>
    </message>
    <message>
        <source>floor</source>
        <translation>gulv</translation>
    </message>
    <message>
        <source>chair</source>
        <translation>stol</translation>
    </message>
    <message>
        <source>floor space</source>
        <translation>plads på gulvet</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>24 hours</source>
        <translation>24 timer</translation>
    </message>
    <message>
        <source>%1 → %2 next day</source>
        <translation>%1 → %2 næste dag</translation>
    </message>
    <message>
        <source>Alternate (office set + breathing)</source>
        <translation>Skiftevis (kontorøvelser + vejrtrækning)</translation>
    </message>
    <message>
        <source>Rotate through…</source>
        <translation>Skift mellem…</translation>
    </message>
    <message>
        <source>Tick at least one exercise to rotate through.</source>
        <translation>Sæt flueben ved mindst én øvelse at skifte mellem.</translation>
    </message>
    <message>
        <source>%1 (not installed)</source>
        <translation>%1 (ikke installeret)</translation>
    </message>
    <message>
        <source>Exercises to rotate through</source>
        <translation>Øvelser at skifte mellem</translation>
    </message>
    <message>
        <source>Ticked exercises are shown in this order, one per break; Space ticks.</source>
        <translation>Øvelser med flueben vises i denne rækkefølge, én pr. pause; mellemrum sætter flueben.</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Flyt op</translation>
    </message>
    <message>
        <source>Show the selected exercise earlier in the rotation</source>
        <translation>Vis den valgte øvelse tidligere i rækkefølgen</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Flyt ned</translation>
    </message>
    <message>
        <source>Show the selected exercise later in the rotation</source>
        <translation>Vis den valgte øvelse senere i rækkefølgen</translation>
    </message>
    <message>
        <source>Tick at most %1 exercises.</source>
        <translation>Sæt flueben ved højst %1 øvelser.</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>Break in progress</source>
        <translation>Pause i gang</translation>
    </message>
    <message>
        <source>Break due now</source>
        <translation>Tid til pause nu</translation>
    </message>
    <message>
        <source>In a meeting: no breaks until you end it</source>
        <translation>Til møde: ingen pauser, før du afslutter det</translation>
    </message>
    <message>
        <source>In a meeting until %1</source>
        <translation>Til møde indtil %1</translation>
    </message>
    <message>
        <source>Paused until %1</source>
        <translation>På pause indtil %1</translation>
    </message>
    <message>
        <source>%1 · next break %2</source>
        <translation>%1 · næste pause %2</translation>
    </message>
    <message>
        <source>No breaks planned (check your work days and hours)</source>
        <translation>Ingen pauser planlagt (tjek dine arbejdsdage og -tider)</translation>
    </message>
    <message>
        <source>Snoozed until %1</source>
        <translation>Udsat indtil %1</translation>
    </message>
    <message>
        <source>Break due: waiting (%1)</source>
        <translation>Tid til pause: venter (%1)</translation>
    </message>
    <message>
        <source>Next break at %1</source>
        <translation>Næste pause %1</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <source>Next break</source>
        <translation>Næste pause</translation>
    </message>
    <message>
        <source>No system tray was found, so backbreak shows this window instead. Closing it minimises it; use Quit to stop backbreak.</source>
        <translation>Der blev ikke fundet noget systembakke-område, så backbreak viser dette vindue i stedet. Lukker du det, minimeres det; brug Afslut for at stoppe backbreak.</translation>
    </message>
    <message>
        <source>Your breaks</source>
        <translation>Dine pauser</translation>
    </message>
    <message>
        <source>About</source>
        <translation>Om</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>YourBreaks</name>
    <message>
        <source>Clear history</source>
        <translation>Ryd historikken</translation>
    </message>
    <message>
        <source>Export your breaks</source>
        <translation>Eksportér dine pauser</translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation>Behold den</translation>
    </message>
    <message>
        <source>Exercised</source>
        <translation>Med øvelse</translation>
    </message>
    <message>
        <source>Away long enough</source>
        <translation>Væk længe nok</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Sprunget over</translation>
    </message>
    <message>
        <source>number: breaks taken</source>
        <translation>tal: holdte pauser</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Signaturforklaring</translation>
    </message>
    <message>
        <source>Each bar stacks breaks exercised (solid), breaks that came from being away long enough (diagonal lines) and breaks skipped (dotted); the number above a bar is the breaks taken, and the dashed line is the daily goal.</source>
        <translation>Hver søjle stabler pauser med øvelse (fyldt), pauser fra at være væk længe nok (skrå streger) og pauser sprunget over (prikket); tallet over en søjle er de holdte pauser, og den stiplede linje er det daglige mål.</translation>
    </message>
    <message>
        <source>(%1; dashes: daily goal)</source>
        <translation>(%1; streger: dagligt mål)</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>I dag</translation>
    </message>
    <message>
        <source>Daily goal</source>
        <translation>Dagligt mål</translation>
    </message>
    <message>
        <source>Progress toward the daily goal</source>
        <translation>Fremskridt mod det daglige mål</translation>
    </message>
    <message>
        <source>Selected: %1. %2</source>
        <translation>Valgt: %1. %2</translation>
    </message>
    <message>
        <source>today</source>
        <translation>i dag</translation>
    </message>
    <message>
        <source> (this week):</source>
        <translation> (denne uge):</translation>
    </message>
    <message>
        <source>Settings → Break</source>
        <translation>Indstillinger → Pause</translation>
    </message>
    <message>
        <source>Settings → History</source>
        <translation>Indstillinger → Historik</translation>
    </message>
    <message>
        <source>History is off: new breaks are not recorded. Turn it on in %1.</source>
        <translation>Historikken er slået fra: nye pauser registreres ikke. Slå den til under %1.</translation>
    </message>
    <message>
        <source>Nothing recorded yet. Each break you take, skip or get by being away shows up here: today, this week and the last 12 weeks.</source>
        <translation>Intet registreret endnu. Hver pause, du holder, springer over eller får ved at være væk, vises her: i dag, denne uge og de seneste 12 uger.</translation>
    </message>
    <message>
        <source>Your breaks cannot be shown: the history cannot be read.</source>
        <translation>Dine pauser kan ikke vises: historikken kan ikke læses.</translation>
    </message>
    <message>
        <source>Your rotation has no exercise of the mid-back routine; choose one in %1 to follow the weekly programme.</source>
        <translation>Din rækkefølge har ingen øvelse fra rygprogrammet; vælg en under %1 for at følge ugeprogrammet.</translation>
    </message>
    <message>
        <source>%1 min moving</source>
        <translation>%1 min. i bevægelse</translation>
    </message>
    <message>
        <source>No breaks yet today · %1</source>
        <translation>Ingen pauser endnu i dag · %1</translation>
    </message>
    <message>
        <source>Daily goal: %1 of %2 — met</source>
        <translation>Dagligt mål: %1 af %2 — nået</translation>
    </message>
    <message>
        <source>Daily goal: %1 of %2</source>
        <translation>Dagligt mål: %1 af %2</translation>
    </message>
    <message>
        <source>A routine is each of these done in full on one day: %1.</source>
        <translation>Et program er hver af disse lavet helt igennem på én dag: %1.</translation>
    </message>
    <message>
        <source>%1: still to come</source>
        <translation>%1: kommer senere</translation>
    </message>
    <message>
        <source>%1: no breaks recorded</source>
        <translation>%1: ingen pauser registreret</translation>
    </message>
    <message>
        <source>%1: %2 taken of %3 due (%4 exercised, %5 by being away, %6 skipped), %7 min moving</source>
        <translation>%1: %2 holdt af %3 planlagte (%4 med øvelse, %5 ved at være væk, %6 sprunget over), %7 min. i bevægelse</translation>
    </message>
    <message>
        <source>Week of %1</source>
        <translation>Ugen fra %1</translation>
    </message>
    <message>
        <source>Breaks each day this week, goal %1 a day; today is %2. %3.</source>
        <translation>Pauser hver dag i denne uge, mål %1 om dagen; i dag er det %2. %3.</translation>
    </message>
    <message>
        <source>every break recorded so far</source>
        <translation>alle pauser, der er registreret indtil nu</translation>
    </message>
    <message>
        <source>, your streaks (best %1 days)</source>
        <translation>, dine stimer (bedste %1 dage)</translation>
    </message>
    <message>
        <source>Clear the history? This deletes %1 and the weekly programme&apos;s progress. Export it first if you want to keep a copy. This cannot be undone.</source>
        <translation>Vil du rydde historikken? Det sletter %1 og ugeprogrammets fremskridt. Eksportér den først, hvis du vil beholde en kopi. Det kan ikke fortrydes.</translation>
    </message>
    <message>
        <source>Your breaks</source>
        <translation>Dine pauser</translation>
    </message>
    <message>
        <source>History is off</source>
        <translation>Historikken er slået fra</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Besked</translation>
    </message>
    <message>
        <source>Nothing recorded yet</source>
        <translation>Intet registreret endnu</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>Denne uge</translation>
    </message>
    <message>
        <source>Selected day</source>
        <translation>Valgt dag</translation>
    </message>
    <message>
        <source>Last 12 weeks</source>
        <translation>De seneste 12 uger</translation>
    </message>
    <message>
        <source>Selected week</source>
        <translation>Valgt uge</translation>
    </message>
    <message>
        <source>Streaks</source>
        <translation>Stimer</translation>
    </message>
    <message>
        <source>Weekly programme</source>
        <translation>Ugeprogram</translation>
    </message>
    <message>
        <source>Mid-back routine this week</source>
        <translation>Rygprogram i denne uge</translation>
    </message>
    <message>
        <source>Routine days</source>
        <translation>Programdage</translation>
    </message>
    <message>
        <source>The routine&apos;s exercises</source>
        <translation>Programmets øvelser</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Eksportér…</translation>
    </message>
    <message>
        <source>Save every recorded break to a CSV or JSON file</source>
        <translation>Gem alle registrerede pauser i en CSV- eller JSON-fil</translation>
    </message>
    <message>
        <source>Clear history…</source>
        <translation>Ryd historikken…</translation>
    </message>
    <message>
        <source>Delete every recorded break, after asking</source>
        <translation>Slet alle registrerede pauser, efter at du er blevet spurgt</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Luk</translation>
    </message>
    <message>
        <source>Close this window</source>
        <translation>Luk dette vindue</translation>
    </message>
    <message>
        <source>The reason is not known.</source>
        <translation>Årsagen kendes ikke.</translation>
    </message>
    <message>
        <source>goal %1</source>
        <translation>mål %1</translation>
    </message>
    <message>
        <source>Not exported: %1</source>
        <translation>Ikke eksporteret: %1</translation>
    </message>
    <message>
        <source>Not cleared: %1</source>
        <translation>Ikke ryddet: %1</translation>
    </message>
    <message>
        <source>The history is cleared.</source>
        <translation>Historikken er ryddet.</translation>
    </message>
</context>
</TS>
