<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name></name>
    <message numerus="yes">
        <source>Author {name} (@{handle})  ·  %Ln follower(s)  ·  account since {since}</source>
        <translation>
            <numerusform>Author {name} (@{handle})  ·  %Ln follower  ·  account since {since}</numerusform>
            <numerusform>Author {name} (@{handle})  ·  %Ln followers  ·  account since {since}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n report(s): {reasons}</source>
        <translation>
            <numerusform>%n report: {reasons}</numerusform>
            <numerusform>%n reports: {reasons}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln rep.</source>
        <translation>
            <numerusform>%Ln rep.</numerusform>
            <numerusform>%Ln rep.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln here</source>
        <translation>
            <numerusform>%Ln here</numerusform>
            <numerusform>%Ln here</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln open</source>
        <translation>
            <numerusform>%Ln open</numerusform>
            <numerusform>%Ln open</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln breached</source>
        <translation>
            <numerusform>%Ln breached</numerusform>
            <numerusform>%Ln breached</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln due &lt;1h</source>
        <translation>
            <numerusform>%Ln due &lt;1h</numerusform>
            <numerusform>%Ln due &lt;1h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cases here: %Ln</source>
        <translation>
            <numerusform>Cases here: %Ln</numerusform>
            <numerusform>Cases here: %Ln</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Showing %Ln of {total} · {described}</source>
        <translation>
            <numerusform>Showing %Ln of {total} · {described}</numerusform>
            <numerusform>Showing %Ln of {total} · {described}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Showing %Ln · {described}</source>
        <translation>
            <numerusform>Showing %Ln · {described}</numerusform>
            <numerusform>Showing %Ln · {described}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · search index still reading %Ln case(s), more may match</source>
        <translation>
            <numerusform> · search index still reading %Ln case, more may match</numerusform>
            <numerusform> · search index still reading %Ln cases, more may match</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln waiting to sync</source>
        <translation>
            <numerusform>%Ln waiting to sync</numerusform>
            <numerusform>%Ln waiting to sync</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln awaiting a senior&apos;s approval</source>
        <translation>
            <numerusform>%Ln awaiting a senior&apos;s approval</numerusform>
            <numerusform>%Ln awaiting a senior&apos;s approval</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln conflict(s) to review — Shift+C</source>
        <translation>
            <numerusform>%Ln conflict to review — Shift+C</numerusform>
            <numerusform>%Ln conflicts to review — Shift+C</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n cached case(s) already past their SLA</source>
        <translation>
            <numerusform>%n cached case already past their SLA</numerusform>
            <numerusform>%n cached cases already past their SLA</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) about to breach their SLA</source>
        <translation>
            <numerusform>%n case about to breach their SLA</numerusform>
            <numerusform>%n cases about to breach their SLA</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) just breached their SLA</source>
        <translation>
            <numerusform>%n case just breached their SLA</numerusform>
            <numerusform>%n cases just breached their SLA</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) old</source>
        <translation>
            <numerusform>%n day old</numerusform>
            <numerusform>%n days old</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n month(s) old</source>
        <translation>
            <numerusform>%n month old</numerusform>
            <numerusform>%n months old</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln follower(s)</source>
        <translation>
            <numerusform>%Ln follower</numerusform>
            <numerusform>%Ln followers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n other open case(s) against this account:</source>
        <translation>
            <numerusform>%n other open case against this account:</numerusform>
            <numerusform>%n other open cases against this account:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n report(s)</source>
        <translation>
            <numerusform>%n report</numerusform>
            <numerusform>%n reports</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n report(s) filed, none decided yet</source>
        <translation>
            <numerusform>%n report filed, none decided yet</numerusform>
            <numerusform>%n reports filed, none decided yet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n report(s) filed</source>
        <translation>
            <numerusform>%n report filed</numerusform>
            <numerusform>%n reports filed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>+%n more</source>
        <translation>
            <numerusform>+%n more</numerusform>
            <numerusform>+%n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s)</source>
        <translation>
            <numerusform>%n decision</numerusform>
            <numerusform>%n decisions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n account note(s)</source>
        <translation>
            <numerusform>%n account note</numerusform>
            <numerusform>%n account notes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n guideline acknowledgement(s)</source>
        <translation>
            <numerusform>%n guideline acknowledgement</numerusform>
            <numerusform>%n guideline acknowledgements</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n strike(s) in 90 days</source>
        <translation>
            <numerusform>%n strike in 90 days</numerusform>
            <numerusform>%n strikes in 90 days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n other open report(s)</source>
        <translation>
            <numerusform>%n other open report</numerusform>
            <numerusform>%n other open reports</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{action} %n item(s) under {policy}?</source>
        <translation>
            <numerusform>{action} %n item under {policy}?</numerusform>
            <numerusform>{action} %n items under {policy}?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{action} %n item(s)?</source>
        <translation>
            <numerusform>{action} %n item?</numerusform>
            <numerusform>{action} %n items?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DecisionDesk</name>
    <message numerus="yes">
        <source>%Ln key(s) ignored while recording</source>
        <translation>
            <numerusform>%Ln key ignored while recording</numerusform>
            <numerusform>%Ln keys ignored while recording</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sweep: %Ln decision(s) recorded, each on its own</source>
        <translation>
            <numerusform>Sweep: %Ln decision recorded, each on its own</numerusform>
            <numerusform>Sweep: %Ln decisions recorded, each on its own</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InvestigationPanel</name>
    <message numerus="yes">
        <source>+%n more. </source>
        <translation>
            <numerusform>+%n more. </numerusform>
            <numerusform>+%n more. </numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MediaGrid</name>
    <message numerus="yes">
        <source>Media, %n item(s)</source>
        <translation>
            <numerusform>Media, %n item</numerusform>
            <numerusform>Media, %n items</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message numerus="yes">
        <source>%Ln cached here</source>
        <translation>
            <numerusform>%Ln cached here</numerusform>
            <numerusform>%Ln cached here</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SweepView</name>
    <message numerus="yes">
        <source>Sweep: %Ln item(s) · {selected} selected   {select} select · {same} same media · {all} all · </source>
        <translation>
            <numerusform>Sweep: %Ln item · {selected} selected   {select} select · {same} same media · {all} all · </numerusform>
            <numerusform>Sweep: %Ln items · {selected} selected   {select} select · {same} same media · {all} all · </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{action} %n item(s) under which policy?</source>
        <translation>
            <numerusform>{action} %n item under which policy?</numerusform>
            <numerusform>{action} %n items under which policy?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{action} %n item(s)</source>
        <translation>
            <numerusform>{action} %n item</numerusform>
            <numerusform>{action} %n items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Record %n decision(s) (Enter)</source>
        <translation>
            <numerusform>Record %n decision (Enter)</numerusform>
            <numerusform>Record %n decisions (Enter)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Recorded {action} ({policy}) on %n item(s) — saved here</source>
        <translation>
            <numerusform>Recorded {action} ({policy}) on %n item — saved here</numerusform>
            <numerusform>Recorded {action} ({policy}) on %n items — saved here</numerusform>
        </translation>
    </message>
</context>
</TS>
