<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name></name>
    <message>
        <source>Text in language “{code}” (not recognised)</source>
        <translation>Texto en el idioma «{code}» (no reconocido)</translation>
    </message>
    <message>
        <source>Text in {language} ({code})</source>
        <translation>Texto en {language} ({code})</translation>
    </message>
    <message>
        <source> · right to left</source>
        <translation> · de derecha a izquierda</translation>
    </message>
    <message>
        <source>  ·  HIGH-PROFILE ACCOUNT</source>
        <translation>  ·  CUENTA DE ALTO PERFIL</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>desconocido</translation>
    </message>
    <message numerus="yes">
        <source>Author {name} (@{handle})  ·  %Ln follower(s)  ·  account since {since}</source>
        <translation>
            <numerusform>Autor {name} (@{handle})  ·  %Ln seguidor  ·  cuenta desde {since}</numerusform>
            <numerusform>Autor {name} (@{handle})  ·  %Ln seguidores  ·  cuenta desde {since}</numerusform>
        </translation>
    </message>
    <message>
        <source>No reports attached</source>
        <translation>Sin denuncias adjuntas</translation>
    </message>
    <message numerus="yes">
        <source>%n report(s): {reasons}</source>
        <translation>
            <numerusform>%n denuncia: {reasons}</numerusform>
            <numerusform>%n denuncias: {reasons}</numerusform>
        </translation>
    </message>
    <message>
        <source>Report reasons as sent: {ids}</source>
        <translation>Motivos de la denuncia tal como llegaron: {ids}</translation>
    </message>
    <message>
        <source>a reviewer</source>
        <translation>un revisor</translation>
    </message>
    <message>
        <source>Escalated by {who}{note}. Decide with 1–5.</source>
        <translation>Escalado por {who}{note}. Decide con 1–5.</translation>
    </message>
    <message>
        <source>Awaiting approval: {what} by {who}{note}. A approves · 1 overturns · 2–5 amend</source>
        <translation>Pendiente de aprobación: {what} de {who}{note}. A aprueba · 1 anula · 2–5 modifican</translation>
    </message>
    <message>
        <source>No prior enforcement on this account</source>
        <translation>Sin medidas previas contra esta cuenta</translation>
    </message>
    <message>
        <source>Prior enforcement ({count}): {items}</source>
        <translation>Medidas previas ({count}): {items}</translation>
    </message>
    <message>
        <source>{case} in {queue} · {policy}
SLA deadline {when}</source>
        <translation>{case} en {queue} · {policy}
Plazo del SLA {when}</translation>
    </message>
    <message>
        <source>✓ done  {case}</source>
        <translation>✓ hecho  {case}</translation>
    </message>
    <message numerus="yes">
        <source>%Ln rep.</source>
        <translation>
            <numerusform>%Ln den.</numerusform>
            <numerusform>%Ln den.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln here</source>
        <translation>
            <numerusform>%Ln aquí</numerusform>
            <numerusform>%Ln aquí</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln open</source>
        <translation>
            <numerusform>%Ln abierto</numerusform>
            <numerusform>%Ln abiertos</numerusform>
        </translation>
    </message>
    <message>
        <source>oldest {age}</source>
        <translation>el más antiguo {age}</translation>
    </message>
    <message numerus="yes">
        <source>%Ln breached</source>
        <translation>
            <numerusform>%Ln vencido</numerusform>
            <numerusform>%Ln vencidos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln due &lt;1h</source>
        <translation>
            <numerusform>%Ln vence en &lt;1h</numerusform>
            <numerusform>%Ln vencen en &lt;1h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cases here: %Ln</source>
        <translation>
            <numerusform>Casos aquí: %Ln</numerusform>
            <numerusform>Casos aquí: %Ln</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Showing %Ln of {total} · {described}</source>
        <translation>
            <numerusform>Se muestra %Ln de {total} · {described}</numerusform>
            <numerusform>Se muestran %Ln de {total} · {described}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Showing %Ln · {described}</source>
        <translation>
            <numerusform>Se muestra %Ln · {described}</numerusform>
            <numerusform>Se muestran %Ln · {described}</numerusform>
        </translation>
    </message>
    <message>
        <source> · Ctrl+Shift+L clears (the order stays)</source>
        <translation> · Ctrl+Mayús+L los borra (el orden se mantiene)</translation>
    </message>
    <message>
        <source> · searching every queue</source>
        <translation> · buscando en todas las colas</translation>
    </message>
    <message numerus="yes">
        <source> · search index still reading %Ln case(s), more may match</source>
        <translation>
            <numerusform> · el índice aún lee %Ln caso, puede haber más coincidencias</numerusform>
            <numerusform> · el índice aún lee %Ln casos, puede haber más coincidencias</numerusform>
        </translation>
    </message>
    <message>
        <source>{action} {case} under which policy?</source>
        <translation>{action} {case}: ¿según qué política?</translation>
    </message>
    <message>
        <source>Reason and proposed plan of action for the specialist.</source>
        <translation>Motivo y plan de acción propuesto para el especialista.</translation>
    </message>
    <message>
        <source>Why? The note goes with the decision.</source>
        <translation>¿Por qué? La nota acompaña a la decisión.</translation>
    </message>
    <message>
        <source>Reason and proposed plan of action…</source>
        <translation>Motivo y plan de acción propuesto…</translation>
    </message>
    <message>
        <source>Why this decision…</source>
        <translation>Por qué esta decisión…</translation>
    </message>
    <message>
        <source>NOT recorded — {error}. The case stays on screen.</source>
        <translation>NO registrado — {error}. El caso sigue en pantalla.</translation>
    </message>
    <message>
        <source>Recorded {action} ({policy}) on {case} — saved here</source>
        <translation>Registrado {action} ({policy}) en {case} — guardado aquí</translation>
    </message>
    <message>
        <source>NO MEDIA</source>
        <translation>SIN MULTIMEDIA</translation>
    </message>
    <message>
        <source>Blurred</source>
        <translation>Difuminado</translation>
    </message>
    <message>
        <source>No preview yet</source>
        <translation>Aún sin vista previa</translation>
    </message>
    <message>
        <source>No media</source>
        <translation>Sin multimedia</translation>
    </message>
    <message>
        <source>selected</source>
        <translation>seleccionado</translation>
    </message>
    <message>
        <source>under the cursor</source>
        <translation>bajo el cursor</translation>
    </message>
    <message>
        <source>Preparing blurred preview…</source>
        <translation>Preparando la vista previa difuminada…</translation>
    </message>
    <message>
        <source>Sign out and wipe the cases cached on this machine?</source>
        <translation>¿Cerrar sesión y borrar los casos guardados en este equipo?</translation>
    </message>
    <message>
        <source>Decisions not yet sent are sent first. You will need to sign in again, and cases are fetched anew.</source>
        <translation>Primero se envían las decisiones pendientes. Tendrás que volver a iniciar sesión y los casos se descargarán de nuevo.</translation>
    </message>
    <message>
        <source>Stay signed in</source>
        <translation>Seguir con la sesión</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Cerrar sesión</translation>
    </message>
    <message>
        <source>Not yet at the central API: {unsent}.</source>
        <translation>Aún no han llegado a la API central: {unsent}.</translation>
    </message>
    <message>
        <source>They are sent as soon as the central API can be reached while you stay signed in. Signing out now discards them for good.</source>
        <translation>Se envían en cuanto se pueda contactar con la API central mientras sigas con la sesión. Si cierras la sesión ahora, se descartan para siempre.</translation>
    </message>
    <message>
        <source>Sign out and discard them</source>
        <translation>Cerrar sesión y descartarlas</translation>
    </message>
    <message>
        <source>Cannot be displayed: {error}</source>
        <translation>No se puede mostrar: {error}</translation>
    </message>
    <message>
        <source>Media hidden — press the same key again to show blurred previews</source>
        <translation>Multimedia oculta — pulsa la misma tecla otra vez para ver las vistas previas difuminadas</translation>
    </message>
    <message>
        <source>NEVER RENDERED</source>
        <translation>NUNCA SE MUESTRA</translation>
    </message>
    <message>
        <source>REVEAL NOT ALLOWED</source>
        <translation>MOSTRAR NO PERMITIDO</translation>
    </message>
    <message>
        <source>REAL PIXELS NOT ALLOWED</source>
        <translation>PÍXELES REALES NO PERMITIDOS</translation>
    </message>
    <message>
        <source>ORG PRESET FOR THIS CASE</source>
        <translation>AJUSTE DE LA ORGANIZACIÓN EN ESTE CASO</translation>
    </message>
    <message>
        <source>Media item {number}: {category}</source>
        <translation>Elemento multimedia {number}: {category}</translation>
    </message>
    <message>
        <source>Hidden</source>
        <translation>Oculto</translation>
    </message>
    <message>
        <source>Real pixels revealed</source>
        <translation>Píxeles reales a la vista</translation>
    </message>
    <message>
        <source>Reduced detail revealed</source>
        <translation>Detalle reducido a la vista</translation>
    </message>
    <message>
        <source>Blurred and grey</source>
        <translation>Difuminado y en gris</translation>
    </message>
    <message>
        <source>● Connecting…</source>
        <translation>● Conectando…</translation>
    </message>
    <message>
        <source>● Sign in again (Account menu)</source>
        <translation>● Vuelve a iniciar sesión (menú Cuenta)</translation>
    </message>
    <message>
        <source>● Online</source>
        <translation>● En línea</translation>
    </message>
    <message>
        <source>● Offline — working from cached cases</source>
        <translation>● Sin conexión — trabajando con los casos guardados</translation>
    </message>
    <message numerus="yes">
        <source>%Ln waiting to sync</source>
        <translation>
            <numerusform>%Ln pendiente de sincronizar</numerusform>
            <numerusform>%Ln pendientes de sincronizar</numerusform>
        </translation>
    </message>
    <message>
        <source>all decisions synced</source>
        <translation>todas las decisiones sincronizadas</translation>
    </message>
    <message numerus="yes">
        <source>%Ln awaiting a senior&apos;s approval</source>
        <translation>
            <numerusform>%Ln pendiente de aprobación de un responsable</numerusform>
            <numerusform>%Ln pendientes de aprobación de un responsable</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln conflict(s) to review — Shift+C</source>
        <translation>
            <numerusform>%Ln conflicto por revisar — Mayús+C</numerusform>
            <numerusform>%Ln conflictos por revisar — Mayús+C</numerusform>
        </translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>Conflicto</translation>
    </message>
    <message>
        <source>{action} ({policy}) by {who} at {when}</source>
        <translation>{action} ({policy}) de {who} a las {when}</translation>
    </message>
    <message>
        <source>another reviewer</source>
        <translation>otro revisor</translation>
    </message>
    <message>
        <source>case closed: {why}</source>
        <translation>caso cerrado: {why}</translation>
    </message>
    <message>
        <source>withdrawn</source>
        <translation>retirado</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>No enviado</translation>
    </message>
    <message>
        <source>it could not be sent</source>
        <translation>no se pudo enviar</translation>
    </message>
    <message>
        <source>a note is required: {rule}. Decide the case again with a reason, or escalate it with a note</source>
        <translation>se requiere una nota: {rule}. Decide el caso de nuevo con un motivo, o escálalo con una nota</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>rechazado</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Rechazado</translation>
    </message>
    <message>
        <source>the central API refused it: {reason}</source>
        <translation>la API central la rechazó: {reason}</translation>
    </message>
    <message>
        <source>Key bindings: {problems}</source>
        <translation>Atajos de teclado: {problems}</translation>
    </message>
    <message>
        <source>(unbound)</source>
        <translation>(sin asignar)</translation>
    </message>
    <message>
        <source>Queue: {name}</source>
        <translation>Cola: {name}</translation>
    </message>
    <message>
        <source>Policy: {name} ({policy}) — read its guideline</source>
        <translation>Política: {name} ({policy}) — leer su directriz</translation>
    </message>
    <message>
        <source>Policy: {policy} — read its guideline</source>
        <translation>Política: {policy} — leer su directriz</translation>
    </message>
    <message>
        <source>Setting: blank all media (panic)</source>
        <translation>Ajuste: ocultar toda la multimedia (pánico)</translation>
    </message>
    <message>
        <source>Case {case}</source>
        <translation>Caso {case}</translation>
    </message>
    <message>
        <source>Bulletin</source>
        <translation>Boletín</translation>
    </message>
    <message>
        <source>Policy</source>
        <translation>Política</translation>
    </message>
    <message>
        <source>all policies</source>
        <translation>todas las políticas</translation>
    </message>
    <message numerus="yes">
        <source>%n cached case(s) already past their SLA</source>
        <translation>
            <numerusform>%n caso guardado ya ha superado su SLA</numerusform>
            <numerusform>%n casos guardados ya han superado su SLA</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) about to breach their SLA</source>
        <translation>
            <numerusform>%n caso a punto de superar su SLA</numerusform>
            <numerusform>%n casos a punto de superar su SLA</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) just breached their SLA</source>
        <translation>
            <numerusform>%n caso acaba de superar su SLA</numerusform>
            <numerusform>%n casos acaban de superar su SLA</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) old</source>
        <translation>
            <numerusform>%n día de antigüedad</numerusform>
            <numerusform>%n días de antigüedad</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n month(s) old</source>
        <translation>
            <numerusform>%n mes de antigüedad</numerusform>
            <numerusform>%n meses de antigüedad</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln follower(s)</source>
        <translation>
            <numerusform>%Ln seguidor</numerusform>
            <numerusform>%Ln seguidores</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n other open case(s) against this account:</source>
        <translation>
            <numerusform>%n caso abierto más contra esta cuenta:</numerusform>
            <numerusform>%n casos abiertos más contra esta cuenta:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n report(s)</source>
        <translation>
            <numerusform>%n denuncia</numerusform>
            <numerusform>%n denuncias</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n report(s) filed, none decided yet</source>
        <translation>
            <numerusform>%n denuncia presentada, ninguna decidida aún</numerusform>
            <numerusform>%n denuncias presentadas, ninguna decidida aún</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n report(s) filed</source>
        <translation>
            <numerusform>%n denuncia presentada</numerusform>
            <numerusform>%n denuncias presentadas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>+%n more</source>
        <translation>
            <numerusform>+%n más</numerusform>
            <numerusform>+%n más</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s)</source>
        <translation>
            <numerusform>%n decisión</numerusform>
            <numerusform>%n decisiones</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n account note(s)</source>
        <translation>
            <numerusform>%n nota de cuenta</numerusform>
            <numerusform>%n notas de cuenta</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n guideline acknowledgement(s)</source>
        <translation>
            <numerusform>%n confirmación de directriz</numerusform>
            <numerusform>%n confirmaciones de directrices</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n strike(s) in 90 days</source>
        <translation>
            <numerusform>%n sanción en 90 días</numerusform>
            <numerusform>%n sanciones en 90 días</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n other open report(s)</source>
        <translation>
            <numerusform>%n denuncia abierta más</numerusform>
            <numerusform>%n denuncias abiertas más</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{action} %n item(s) under {policy}?</source>
        <translation>
            <numerusform>¿{action} %n elemento según {policy}?</numerusform>
            <numerusform>¿{action} %n elementos según {policy}?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{action} %n item(s)?</source>
        <translation>
            <numerusform>¿{action} %n elemento?</numerusform>
            <numerusform>¿{action} %n elementos?</numerusform>
        </translation>
    </message>
    <message>
        <source>Log folder: %1</source>
        <translation>Carpeta de registros: %1</translation>
    </message>
    <message>
        <source>Log folder: %1 (no file manager answered; open it by hand)</source>
        <translation>Carpeta de registros: %1 (ningún gestor de archivos respondió; ábrela a mano)</translation>
    </message>
</context>
<context>
    <name>AccountActions</name>
    <message>
        <source>Signed in again as {reviewer}; what waited is being sent.</source>
        <translation>Sesión iniciada de nuevo como {reviewer}; se está enviando lo pendiente.</translation>
    </message>
    <message>
        <source>Signing out: sending what waits…</source>
        <translation>Cerrando sesión: enviando lo pendiente…</translation>
    </message>
    <message>
        <source>Still signed in. Not yet at the central API: {unsent}.</source>
        <translation>Sigues con la sesión iniciada. Aún no han llegado a la API central: {unsent}.</translation>
    </message>
    <message>
        <source>Signing out: wiping this machine&apos;s cache…</source>
        <translation>Cerrando sesión: borrando la caché de este equipo…</translation>
    </message>
</context>
<context>
    <name>AlertsDesk</name>
    <message>
        <source>Alert change saved here; it is sent with the next sync.</source>
        <translation>Cambio de alerta guardado aquí; se envía con la próxima sincronización.</translation>
    </message>
    <message>
        <source>You are paged: {severity} alert</source>
        <translation>Te han avisado: alerta {severity}</translation>
    </message>
</context>
<context>
    <name>AlertsPanel</name>
    <message>
        <source>low</source>
        <translation>baja</translation>
    </message>
    <message>
        <source>medium</source>
        <translation>media</translation>
    </message>
    <message>
        <source>high</source>
        <translation>alta</translation>
    </message>
    <message>
        <source>critical</source>
        <translation>crítica</translation>
    </message>
    <message>
        <source>open</source>
        <translation>abierta</translation>
    </message>
    <message>
        <source>acknowledged</source>
        <translation>reconocida</translation>
    </message>
    <message>
        <source>resolved</source>
        <translation>resuelta</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Alertas</translation>
    </message>
    <message>
        <source>No alerts. Alerts arrive with every sync; those resolved more than a day ago are not listed.</source>
        <translation>No hay alertas. Las alertas llegan con cada sincronización; las resueltas hace más de un día no se muestran.</translation>
    </message>
    <message>
        <source>A  acknowledge    R  resolve    Enter  open its first case    Esc  close</source>
        <translation>A  confirmar    R  resolver    Intro  abrir su primer caso    Esc  cerrar</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Gravedad</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>Alerta</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Casos</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Abierta</translation>
    </message>
    <message>
        <source>{state} (your change was not accepted)</source>
        <translation>{state} (tu cambio no fue aceptado)</translation>
    </message>
    <message>
        <source>{state} (waiting to send)</source>
        <translation>{state} (pendiente de envío)</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>nadie</translation>
    </message>
    <message>
        <source>{kind} · cases: {cases} · paged: {paged}</source>
        <translation>{kind} · casos: {cases} · avisados: {paged}</translation>
    </message>
</context>
<context>
    <name>AppearancePage</name>
    <message>
        <source>Follow the desktop</source>
        <translation>Seguir al escritorio</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Oscuro</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Claro</translation>
    </message>
    <message>
        <source>Use the desktop&apos;s text size</source>
        <translation>Usar el tamaño de texto del escritorio</translation>
    </message>
    <message>
        <source> pt</source>
        <translation> pt</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Seguir al sistema</translation>
    </message>
    <message>
        <source>Following the desktop, the theme changes when the desktop switches between light and dark. Both apply as soon as you save; the language changes at the next start.</source>
        <translation>Si sigue al escritorio, el tema cambia cuando el escritorio pasa de claro a oscuro. Ambos se aplican en cuanto guardas; el idioma cambia en el próximo inicio.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Tema</translation>
    </message>
    <message>
        <source>Text size</source>
        <translation>Tamaño del texto</translation>
    </message>
</context>
<context>
    <name>BulletinRow</name>
    <message>
        <source>Bulletin: {title}{where} · published {when} — please read and acknowledge</source>
        <translation>Boletín: {title}{where} · publicado {when} — léelo y confirma su lectura</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Leer</translation>
    </message>
    <message>
        <source>Acknowledge ({key})</source>
        <translation>Confirmar lectura ({key})</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>Confirmar lectura</translation>
    </message>
    <message>
        <source>Read the bulletin</source>
        <translation>Leer el boletín</translation>
    </message>
    <message>
        <source>Acknowledge the bulletin</source>
        <translation>Confirmar la lectura del boletín</translation>
    </message>
</context>
<context>
    <name>CalmBreak</name>
    <message>
        <source>A calm moment</source>
        <translation>Un momento de calma</translation>
    </message>
    <message>
        <source>Optional: close it whenever you like (Esc).</source>
        <translation>Opcional: ciérralo cuando quieras (Esc).</translation>
    </message>
    <message>
        <source>Breathe in… {n}</source>
        <translation>Inspira… {n}</translation>
    </message>
    <message>
        <source>Hold… {n}</source>
        <translation>Mantén… {n}</translation>
    </message>
    <message>
        <source>Breathe out slowly… {n}</source>
        <translation>Espira despacio… {n}</translation>
    </message>
</context>
<context>
    <name>CaseFilters</name>
    <message>
        <source>Search text and notes  ( / )</source>
        <translation>Buscar en textos y notas  ( / )</translation>
    </message>
    <message>
        <source>Reverse the order</source>
        <translation>Invertir el orden</translation>
    </message>
    <message>
        <source>Any priority</source>
        <translation>Cualquier prioridad</translation>
    </message>
    <message>
        <source>P{level} only</source>
        <translation>Solo P{level}</translation>
    </message>
    <message>
        <source>Any language</source>
        <translation>Cualquier idioma</translation>
    </message>
    <message>
        <source>Any region</source>
        <translation>Cualquier región</translation>
    </message>
    <message>
        <source>Any policy area</source>
        <translation>Cualquier área de política</translation>
    </message>
    <message>
        <source> reports</source>
        <translation> denuncias</translation>
    </message>
    <message>
        <source>Any report count</source>
        <translation>Cualquier número de denuncias</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <source>Full text over the cached cases and notes; Enter or Esc hands the keys back</source>
        <translation>Texto completo de los casos y notas guardados; Intro o Esc devuelven las teclas</translation>
    </message>
    <message>
        <source>Sort order</source>
        <translation>Orden</translation>
    </message>
    <message>
        <source>Priority filter</source>
        <translation>Filtro de prioridad</translation>
    </message>
    <message>
        <source>Language filter</source>
        <translation>Filtro de idioma</translation>
    </message>
    <message>
        <source>Region filter</source>
        <translation>Filtro de región</translation>
    </message>
    <message>
        <source>Policy area filter</source>
        <translation>Filtro de área de política</translation>
    </message>
    <message>
        <source>Minimum report count</source>
        <translation>Número mínimo de denuncias</translation>
    </message>
    <message>
        <source>Policy id: {policy}</source>
        <translation>Id. de la política: {policy}</translation>
    </message>
</context>
<context>
    <name>CaseLookUp</name>
    <message>
        <source>Asking the central API for case {case}…</source>
        <translation>Pidiendo el caso {case} a la API central…</translation>
    </message>
    <message>
        <source>Case {case} is not cached here, and there is no central API to ask (offline demo or no sign-in).</source>
        <translation>El caso {case} no está guardado aquí y no hay API central a la que pedirlo (demo sin conexión o sin sesión).</translation>
    </message>
</context>
<context>
    <name>CasePanel</name>
    <message>
        <source>Case text</source>
        <translation>Texto del caso</translation>
    </message>
    <message>
        <source>What was reported, as plain text</source>
        <translation>Lo denunciado, como texto sin formato</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Caso</translation>
    </message>
    <message>
        <source>No case to review. New cases appear here as soon as they are claimed.</source>
        <translation>No hay casos que revisar. Los casos nuevos aparecen aquí en cuanto se reclaman.</translation>
    </message>
    <message>
        <source>{case}  ·  {queue}  ·  P{priority}  ·  {policy}  ·  language {language}  ·  region {region}</source>
        <translation>{case}  ·  {queue}  ·  P{priority}  ·  {policy}  ·  idioma {language}  ·  región {region}</translation>
    </message>
    <message>
        <source>Deadline {when}</source>
        <translation>Plazo {when}</translation>
    </message>
</context>
<context>
    <name>ChartView</name>
    <message>
        <source>No data yet</source>
        <translation>Sin datos todavía</translation>
    </message>
</context>
<context>
    <name>CheatSheet</name>
    <message>
        <source>Keys — cheat sheet</source>
        <translation>Teclas — chuleta</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modo</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Tecla</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>Every key, from the keymap in use (your overrides included). Esc closes.</source>
        <translation>Todas las teclas del mapa en uso (incluidos tus cambios). Esc cierra.</translation>
    </message>
</context>
<context>
    <name>CommandPalette</name>
    <message>
        <source>Action, queue, case id, policy or setting…</source>
        <translation>Acción, cola, id de caso, política o ajuste…</translation>
    </message>
    <message>
        <source>Command palette</source>
        <translation>Paleta de órdenes</translation>
    </message>
    <message>
        <source>Matching entries</source>
        <translation>Entradas coincidentes</translation>
    </message>
    <message>
        <source>Open case {case} from the central API</source>
        <translation>Abrir el caso {case} desde la API central</translation>
    </message>
</context>
<context>
    <name>ConflictsView</name>
    <message>
        <source>Case</source>
        <translation>Caso</translation>
    </message>
    <message>
        <source>Your decision</source>
        <translation>Tu decisión</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>What won / why</source>
        <translation>Qué prevaleció / por qué</translation>
    </message>
    <message>
        <source>Conflicts and rejected decisions</source>
        <translation>Conflictos y decisiones rechazadas</translation>
    </message>
    <message>
        <source>A  accept the outcome (a refused decision&apos;s case comes back to be decided again)    E  escalate for a senior&apos;s second look    Esc  close</source>
        <translation>A  aceptar el resultado (el caso de una decisión rechazada vuelve para decidirlo de nuevo)    E  escalar para una segunda revisión de un sénior    Esc  cerrar</translation>
    </message>
    <message>
        <source>Nothing needs your attention: no conflict or refused decision is waiting for you (decisions not sent yet show in the status bar).</source>
        <translation>Nada requiere tu atención: no te espera ningún conflicto ni ninguna decisión rechazada (las decisiones aún no enviadas aparecen en la barra de estado).</translation>
    </message>
    <message>
        <source>{action} ({policy}) at {when}</source>
        <translation>{action} ({policy}) a las {when}</translation>
    </message>
    <message>
        <source>Escalate</source>
        <translation>Escalar</translation>
    </message>
    <message>
        <source>{case}: {outcome} — {why}. Why should a senior look again?</source>
        <translation>{case}: {outcome} — {why}. ¿Por qué debería revisarlo un responsable?</translation>
    </message>
</context>
<context>
    <name>DashboardDesk</name>
    <message>
        <source>No central API to ask (offline demo or no sign-in): the dashboards show what this workstation has.</source>
        <translation>No hay API central a la que preguntar (demo sin conexión o sin sesión): los paneles muestran lo que tiene esta estación.</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Central API figures as synced at {when}.</source>
        <translation>Cifras de la API central sincronizadas el {when}.</translation>
    </message>
    <message>
        <source>Figures from this workstation only.</source>
        <translation>Cifras solo de esta estación de trabajo.</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>Dashboards</source>
        <translation>Paneles</translation>
    </message>
    <message>
        <source>My shift</source>
        <translation>Mi turno</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Equipo</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation>Exportar PNG…</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exportar CSV…</translation>
    </message>
    <message>
        <source>Export the chart page as PNG</source>
        <translation>Exportar la página de gráficos como PNG</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>Guardado {path}</translation>
    </message>
    <message>
        <source>Could not write {path}</source>
        <translation>No se pudo escribir {path}</translation>
    </message>
    <message>
        <source>Export the figures as CSV</source>
        <translation>Exportar las cifras como CSV</translation>
    </message>
    <message>
        <source>Could not write {path}: {why}</source>
        <translation>No se pudo escribir {path}: {why}</translation>
    </message>
    <message>
        <source>Saved {rows} rows to {path}</source>
        <translation>Guardadas {rows} filas en {path}</translation>
    </message>
</context>
<context>
    <name>DecisionBar</name>
    <message>
        <source>Key: {key}</source>
        <translation>Tecla: {key}</translation>
    </message>
    <message>
        <source>{key} confirms {action} ({policy}): {reason}</source>
        <translation>{key} confirma {action} ({policy}): {reason}</translation>
    </message>
</context>
<context>
    <name>DecisionDesk</name>
    <message>
        <source>No case on screen to decide.</source>
        <translation>No hay ningún caso en pantalla que decidir.</translation>
    </message>
    <message>
        <source>Not recorded: {case} had not been on screen yet.</source>
        <translation>No registrado: {case} aún no se había mostrado.</translation>
    </message>
    <message>
        <source>Nothing on this case awaits approval.</source>
        <translation>Nada de este caso espera aprobación.</translation>
    </message>
    <message>
        <source>Not recorded: {case} is not an appeal; {action} answers appeals only.</source>
        <translation>No registrado: {case} no es una apelación; {action} solo responde a apelaciones.</translation>
    </message>
    <message>
        <source>Not recorded: {case} is an appeal. Uphold it ({uphold}), overturn it ({overturn}) or escalate it ({escalate}).</source>
        <translation>No registrado: {case} es una apelación. Mantén la decisión ({uphold}), anúlala ({overturn}) o escala el caso ({escalate}).</translation>
    </message>
    <message numerus="yes">
        <source>%Ln key(s) ignored while recording</source>
        <translation>
            <numerusform>%Ln tecla ignorada mientras se guardaba</numerusform>
            <numerusform>%Ln teclas ignoradas mientras se guardaba</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sweep: %Ln decision(s) recorded, each on its own</source>
        <translation>
            <numerusform>Barrido: %Ln decisión registrada, cada una por separado</numerusform>
            <numerusform>Barrido: %Ln decisiones registradas, cada una por separado</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to sweep: no cached case in this list matches the search and filters. {key} clears them (the queue stays).</source>
        <translation>Nada que barrer: ningún caso guardado de esta lista coincide con la búsqueda y los filtros. {key} los borra (la cola se mantiene).</translation>
    </message>
    <message>
        <source>Nothing to sweep: no cached case in this queue. Choose one with cases ({previous} and {next} step through the queues).</source>
        <translation>Nada que barrer: no hay casos guardados en esta cola. Elige una con casos ({previous} y {next} recorren las colas).</translation>
    </message>
    <message>
        <source>Reverse {action} on {case}</source>
        <translation>Revertir {action} en {case}</translation>
    </message>
    <message>
        <source>Reversing: {what}.
Why reverse it? The note goes on record with the reversal; the case comes back to be decided again.</source>
        <translation>Se revierte: {what}.
¿Por qué revertirla? La nota queda registrada con la reversión; el caso vuelve para decidirse de nuevo.</translation>
    </message>
    <message>
        <source>What the decision got wrong…</source>
        <translation>En qué se equivocó la decisión…</translation>
    </message>
    <message>
        <source>Reversal of {action} ({policy}) on {case} recorded; decide the case again.</source>
        <translation>Reversión de {action} ({policy}) en {case} registrada; vuelve a decidir el caso.</translation>
    </message>
    <message>
        <source>No sent decision of yours to reverse ({key} withdraws one not yet sent).</source>
        <translation>No tienes decisiones enviadas que revertir ({key} retira una aún no enviada).</translation>
    </message>
    <message>
        <source>Nothing to undo: decisions already sent cannot be withdrawn (record a new decision instead).</source>
        <translation>Nada que deshacer: las decisiones ya enviadas no se pueden retirar (registra una nueva decisión).</translation>
    </message>
    <message>
        <source>Undone: {action} on {case} was withdrawn before it was sent.</source>
        <translation>Deshecho: {action} en {case} se retiró antes de enviarse.</translation>
    </message>
    <message>
        <source>{message} · {key} undoes it for {{left}} s</source>
        <translation>{message} · {key} lo deshace durante {{left}} s</translation>
    </message>
</context>
<context>
    <name>ExposureLabel</name>
    <message>
        <source>Exposure: case {case} ({real} real pixels) · today {today}</source>
        <translation>Exposición: caso {case} ({real} píxeles reales) · hoy {today}</translation>
    </message>
    <message>
        <source>Revealed time × revealed area. This case {case}, this shift {shift}, today {day} of a {cap} daily allowance; of today&apos;s, {reduced} reduced detail and {real} real pixels. Kept on this machine only.</source>
        <translation>Tiempo a la vista × área a la vista. Este caso {case}, este turno {shift}, hoy {day} de un máximo diario de {cap}; de lo de hoy, {reduced} con detalle reducido y {real} con píxeles reales. Solo se guarda en este equipo.</translation>
    </message>
    <message>
        <source>Exposure</source>
        <translation>Exposición</translation>
    </message>
    <message>
        <source>Today&apos;s decisions: {unseen} without any reveal ({suggested} by the suggested decision), {reduced} after reduced detail, {real} after real pixels.</source>
        <translation>Decisiones de hoy: {unseen} sin mostrar nada ({suggested} con la decisión sugerida), {reduced} tras el detalle reducido, {real} tras los píxeles reales.</translation>
    </message>
</context>
<context>
    <name>GuidelinesDesk</name>
    <message>
        <source>No guideline for {policy} has synced yet.</source>
        <translation>Aún no se ha sincronizado ninguna directriz para {policy}.</translation>
    </message>
    <message>
        <source>No bulletin is waiting for acknowledgement.</source>
        <translation>Ningún boletín espera confirmación de lectura.</translation>
    </message>
    <message>
        <source>Read the bulletin first; acknowledge it from there.</source>
        <translation>Lee primero el boletín; confirma su lectura desde allí.</translation>
    </message>
    <message>
        <source>Acknowledged {guideline}@{version}; it is sent to the central API with the next sync.</source>
        <translation>Lectura de {guideline}@{version} confirmada; se envía a la API central en la próxima sincronización.</translation>
    </message>
</context>
<context>
    <name>GuidelinesView</name>
    <message>
        <source>Policy library and guidelines</source>
        <translation>Biblioteca de políticas y directrices</translation>
    </message>
    <message>
        <source>&amp;What changed</source>
        <translation>&amp;Qué cambió</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>Confirmar lectura</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Documentos</translation>
    </message>
    <message>
        <source>Policies and bulletins</source>
        <translation>Políticas y boletines</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versión</translation>
    </message>
    <message>
        <source>Guideline text</source>
        <translation>Texto de la directriz</translation>
    </message>
    <message>
        <source>↑/↓ document · W what changed since the previous version · Ctrl+Shift+A acknowledge a bulletin · Esc close</source>
        <translation>↑/↓ documento · W qué cambió desde la versión anterior · Ctrl+Mayús+A confirmar un boletín · Esc cerrar</translation>
    </message>
    <message>
        <source>No guidelines have synced to this machine yet.</source>
        <translation>Aún no se ha sincronizado ninguna directriz en este equipo.</translation>
    </message>
    <message>
        <source> (latest)</source>
        <translation> (la última)</translation>
    </message>
    <message>
        <source>{title} — {tag} · published by {who}</source>
        <translation>{title} — {tag} · publicada por {who}</translation>
    </message>
    <message>
        <source>nothing (first version)</source>
        <translation>nada (primera versión)</translation>
    </message>
    <message>
        <source>Changes from {since} to v{version}: insertions on green, deletions on red and struck through.</source>
        <translation>Cambios de {since} a v{version}: lo añadido sobre verde, lo eliminado sobre rojo y tachado.</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>Lectura confirmada</translation>
    </message>
    <message>
        <source>Acknowledge (after reading)</source>
        <translation>Confirmar lectura (tras leer)</translation>
    </message>
</context>
<context>
    <name>HeldAudio</name>
    <message>
        <source>No audio in this case: nothing to listen to.</source>
        <translation>Este caso no tiene audio: no hay nada que escuchar.</translation>
    </message>
    <message>
        <source>Audio stays off for {category}: its policy does not need hearing it.</source>
        <translation>El audio sigue apagado para {category}: su política no exige escucharlo.</translation>
    </message>
    <message>
        <source>The audio has not been downloaded yet.</source>
        <translation>El audio aún no se ha descargado.</translation>
    </message>
</context>
<context>
    <name>HoldDesk</name>
    <message>
        <source>No case on screen to hold.</source>
        <translation>No hay ningún caso en pantalla para retener.</translation>
    </message>
    <message>
        <source>Hold on {0} ended: back in the work order.</source>
        <translation>Retención de {0} terminada: vuelve al orden de trabajo.</translation>
    </message>
    <message>
        <source>Hold {0}</source>
        <translation>Retener {0}</translation>
    </message>
    <message>
        <source>Why hold it? (waiting for a translation, a legal opinion…) The lease is kept while it is held, up to four hours.</source>
        <translation>¿Por qué lo retienes? (esperas una traducción, una opinión legal…) La reserva se mantiene mientras esté retenido, hasta cuatro horas.</translation>
    </message>
    <message>
        <source>Held {0} until {1}: {2}</source>
        <translation>{0} retenido hasta las {1}: {2}</translation>
    </message>
    <message>
        <source>No case on screen to hand off.</source>
        <translation>No hay ningún caso en pantalla para pasar.</translation>
    </message>
    <message>
        <source>Hand off {0}</source>
        <translation>Pasar {0}</translation>
    </message>
    <message>
        <source>Colleague&apos;s reviewer name:</source>
        <translation>Nombre de revisor de tu colega:</translation>
    </message>
    <message>
        <source>Hand {0} to {1}</source>
        <translation>Pasar {0} a {1}</translation>
    </message>
    <message>
        <source>A note for your colleague (what to look at, why them).</source>
        <translation>Una nota para tu colega (qué mirar, por qué a esa persona).</translation>
    </message>
    <message>
        <source>{0} goes to {1} with the next sync.</source>
        <translation>{0} pasa a {1} con la próxima sincronización.</translation>
    </message>
</context>
<context>
    <name>IncidentDesk</name>
    <message>
        <source>Incidents</source>
        <translation>Incidentes</translation>
    </message>
    <message>
        <source>Declare an incident</source>
        <translation>Declarar un incidente</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Gravedad</translation>
    </message>
    <message>
        <source>Regions (comma-separated, empty: all)</source>
        <translation>Regiones (separadas por comas; vacío: todas)</translation>
    </message>
    <message>
        <source>Commander (empty: you)</source>
        <translation>Responsable (vacío: tú)</translation>
    </message>
    <message>
        <source>Sweep cases into the incident</source>
        <translation>Barrer casos hacia el incidente</translation>
    </message>
    <message>
        <source>From alert</source>
        <translation>Desde la alerta</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Ninguna</translation>
    </message>
    <message>
        <source>Find cases by</source>
        <translation>Buscar casos por</translation>
    </message>
    <message>
        <source>Hashtag</source>
        <translation>Hashtag</translation>
    </message>
    <message>
        <source>Same media (its sha256)</source>
        <translation>El mismo contenido multimedia (su sha256)</translation>
    </message>
    <message>
        <source>Words in the text</source>
        <translation>Palabras del texto</translation>
    </message>
    <message>
        <source>Hashtag, media sha256 or words</source>
        <translation>Hashtag, sha256 del medio o palabras</translation>
    </message>
    <message>
        <source>Publish the sweep bulletin</source>
        <translation>Publicar el boletín del barrido</translation>
    </message>
    <message>
        <source>What reviewers must do</source>
        <translation>Qué deben hacer los revisores</translation>
    </message>
    <message>
        <source>Write the review</source>
        <translation>Escribir la revisión</translation>
    </message>
    <message>
        <source>Section</source>
        <translation>Sección</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texto</translation>
    </message>
    <message>
        <source>Owner (action items)</source>
        <translation>Responsable (acciones)</translation>
    </message>
    <message>
        <source>Incident {id} declared</source>
        <translation>Incidente {id} declarado</translation>
    </message>
    <message>
        <source>Select an incident and a case first</source>
        <translation>Selecciona primero un incidente y un caso</translation>
    </message>
    <message>
        <source>Case {case} joined the incident</source>
        <translation>El caso {case} se unió al incidente</translation>
    </message>
    <message>
        <source>Sweep: {matched} matched, {joined} new to the incident</source>
        <translation>Barrido: {matched} coincidencias, {joined} nuevas en el incidente</translation>
    </message>
    <message>
        <source>Bulletin published</source>
        <translation>Boletín publicado</translation>
    </message>
    <message>
        <source>{section} saved; it is sent with the next sync</source>
        <translation>{section} guardado; se envía en la próxima sincronización</translation>
    </message>
    <message>
        <source>Could not fetch the review: {reason}</source>
        <translation>No se pudo obtener la revisión: {reason}</translation>
    </message>
    <message>
        <source>Export the review</source>
        <translation>Exportar la revisión</translation>
    </message>
    <message>
        <source>PDF (*.pdf);;Markdown (*.md)</source>
        <translation>PDF (*.pdf);;Markdown (*.md)</translation>
    </message>
    <message>
        <source>Review written to {path}</source>
        <translation>Revisión escrita en {path}</translation>
    </message>
    <message>
        <source>Incidents need the central API</source>
        <translation>Los incidentes necesitan la API central</translation>
    </message>
    <message>
        <source>The central API did not accept it: {reason}</source>
        <translation>La API central no lo aceptó: {reason}</translation>
    </message>
</context>
<context>
    <name>IncidentPanel</name>
    <message>
        <source>Declare…</source>
        <translation>Declarar…</translation>
    </message>
    <message>
        <source>Add this case</source>
        <translation>Añadir este caso</translation>
    </message>
    <message>
        <source>Sweep…</source>
        <translation>Barrido…</translation>
    </message>
    <message>
        <source>Bulletin…</source>
        <translation>Boletín…</translation>
    </message>
    <message>
        <source>Mark contained</source>
        <translation>Marcar bajo control</translation>
    </message>
    <message>
        <source>Close incident</source>
        <translation>Cerrar incidente</translation>
    </message>
    <message>
        <source>Write review…</source>
        <translation>Escribir revisión…</translation>
    </message>
    <message>
        <source>Export review…</source>
        <translation>Exportar revisión…</translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation>Incidentes</translation>
    </message>
    <message>
        <source>No incident selected.</source>
        <translation>Ningún incidente seleccionado.</translation>
    </message>
    <message>
        <source>{id} · commander {commander}
Cases in {cases_in} · decided {decided} · pending {pending} · SLA breaches {breaches} · reviewers working {working}</source>
        <translation>{id} · responsable {commander}
Casos entrados {cases_in} · decididos {decided} · pendientes {pending} · incumplimientos de SLA {breaches} · revisores trabajando {working}</translation>
    </message>
    <message>
        <source>waiting to be sent</source>
        <translation>esperando para enviarse</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>enviado</translation>
    </message>
</context>
<context>
    <name>InvestigationPanel</name>
    <message>
        <source>Account</source>
        <translation>Cuenta</translation>
    </message>
    <message>
        <source>Enforcement &amp; strikes</source>
        <translation>Medidas y sanciones</translation>
    </message>
    <message>
        <source>Other open reports</source>
        <translation>Otras denuncias abiertas</translation>
    </message>
    <message>
        <source>Related cases</source>
        <translation>Casos relacionados</translation>
    </message>
    <message>
        <source>Reporters</source>
        <translation>Denunciantes</translation>
    </message>
    <message>
        <source>Account notes</source>
        <translation>Notas de la cuenta</translation>
    </message>
    <message>
        <source>Investigation</source>
        <translation>Investigación</translation>
    </message>
    <message>
        <source>The account, its history, related cases, reporters and notes</source>
        <translation>La cuenta, su historial, casos relacionados, denunciantes y notas</translation>
    </message>
    <message>
        <source>No case on screen.</source>
        <translation>No hay ningún caso en pantalla.</translation>
    </message>
    <message numerus="yes">
        <source>+%n more. </source>
        <translation>
            <numerusform>+%n más. </numerusform>
            <numerusform>+%n más. </numerusform>
        </translation>
    </message>
    <message>
        <source>Click one to go to it.</source>
        <translation>Haz clic en uno para ir a él.</translation>
    </message>
    <message>
        <source>No related cases in this machine&apos;s cache (same author or same-looking media).</source>
        <translation>No hay casos relacionados en la caché de este equipo (mismo autor o multimedia parecida).</translation>
    </message>
    <message>
        <source>No case on screen: account notes belong to a case&apos;s author.</source>
        <translation>No hay ningún caso en pantalla: las notas de cuenta son del autor de un caso.</translation>
    </message>
    <message>
        <source>Note on @{handle}</source>
        <translation>Nota sobre @{handle}</translation>
    </message>
    <message>
        <source>A note on this account follows it to every case of its author, for every reviewer who may read them.</source>
        <translation>Una nota sobre esta cuenta la acompaña en todos los casos de su autor, para todo revisor que pueda leerlos.</translation>
    </message>
    <message>
        <source>What should the next reviewer of this account know?</source>
        <translation>¿Qué debería saber el próximo revisor de esta cuenta?</translation>
    </message>
    <message>
        <source>Note on @{handle} recorded; it reaches the central API when online.</source>
        <translation>Nota sobre @{handle} registrada; llega a la API central cuando haya conexión.</translation>
    </message>
</context>
<context>
    <name>KeysPage</name>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Teclas</translation>
    </message>
    <message>
        <source>Bind this key</source>
        <translation>Asignar esta tecla</translation>
    </message>
    <message>
        <source>Unbind</source>
        <translation>Quitar la tecla</translation>
    </message>
    <message>
        <source>Default for this action</source>
        <translation>Predeterminada para esta acción</translation>
    </message>
    <message>
        <source>Reset all keys to defaults</source>
        <translation>Restablecer todas las teclas</translation>
    </message>
    <message>
        <source>Choose an action, click the box below and press the new key. Changes are saved to keymap.toml as you make them and take effect the next time the workstation starts.</source>
        <translation>Elige una acción, haz clic en el cuadro de abajo y pulsa la nueva tecla. Los cambios se guardan en keymap.toml al hacerlos y se aplican la próxima vez que se inicie la estación.</translation>
    </message>
    <message>
        <source>(unbound)</source>
        <translation>(sin asignar)</translation>
    </message>
    <message>
        <source>Choose an action to change its key.</source>
        <translation>Elige una acción para cambiar su tecla.</translation>
    </message>
    <message>
        <source>Press the new key for “{action}”.</source>
        <translation>Pulsa la nueva tecla para «{action}».</translation>
    </message>
    <message>
        <source>{key} is already bound to “{other}”: unbind that first, or press another key.</source>
        <translation>{key} ya está asignada a «{other}»: quítala de allí primero o pulsa otra tecla.</translation>
    </message>
    <message>
        <source>{key} is free.</source>
        <translation>{key} está libre.</translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation>No guardado: {reason}</translation>
    </message>
    <message>
        <source>Every key is back to its default; your file was kept as {file}.</source>
        <translation>Todas las teclas vuelven a su valor predeterminado; tu archivo se conservó como {file}.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Sign in — Reviewer Workstation</source>
        <translation>Iniciar sesión — Estación de revisión</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Nombre de usuario</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <source>User name and password</source>
        <translation>Usuario y contraseña</translation>
    </message>
    <message>
        <source>API token</source>
        <translation>Token de la API</translation>
    </message>
    <message>
        <source>I have a token</source>
        <translation>Tengo un token</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Iniciar sesión</translation>
    </message>
    <message>
        <source>Use for this session only</source>
        <translation>Usar solo en esta sesión</translation>
    </message>
    <message>
        <source>Central API</source>
        <translation>API central</translation>
    </message>
    <message>
        <source>Sign-in message</source>
        <translation>Mensaje de inicio de sesión</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Iniciando sesión…</translation>
    </message>
    <message>
        <source>Signed in as {reviewer}, but the token was not stored. {help}</source>
        <translation>Sesión iniciada como {reviewer}, pero el token no se guardó. {help}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Decide</source>
        <translation>&amp;Decidir</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Ir</translation>
    </message>
    <message>
        <source>&amp;Media</source>
        <translation>&amp;Multimedia</translation>
    </message>
    <message>
        <source>&amp;Sync</source>
        <translation>&amp;Sincronizar</translation>
    </message>
    <message>
        <source>&amp;Investigate</source>
        <translation>&amp;Investigar</translation>
    </message>
    <message>
        <source>&amp;Guidelines</source>
        <translation>&amp;Directrices</translation>
    </message>
    <message>
        <source>&amp;Figures</source>
        <translation>&amp;Cifras</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>&amp;Cuenta</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <source>Reviewer Workstation</source>
        <translation>Estación de revisión</translation>
    </message>
    <message>
        <source>{case} is not in your work list (closed, or outside the queue and filters shown).</source>
        <translation>{case} no está en tu lista de trabajo (cerrado, o fuera de la cola y los filtros mostrados).</translation>
    </message>
    <message>
        <source>Sign-in refused by the central API: decisions wait here — Account → Sign in again.</source>
        <translation>La API central ha rechazado la sesión: las decisiones esperan aquí — Cuenta → Volver a iniciar sesión.</translation>
    </message>
    <message>
        <source>{case} left your list: {why}. Showing the next case.</source>
        <translation>{case} ha salido de tu lista: {why}. Se muestra el caso siguiente.</translation>
    </message>
</context>
<context>
    <name>MediaDesk</name>
    <message>
        <source>the panic action (Media menu)</source>
        <translation>la acción de pánico (menú Multimedia)</translation>
    </message>
    <message>
        <source>Real pixels (Media menu)</source>
        <translation>Píxeles reales (menú Multimedia)</translation>
    </message>
    <message>
        <source>Widen (Media menu)</source>
        <translation>Ampliar (menú Multimedia)</translation>
    </message>
    <message>
        <source>Media mode</source>
        <translation>Modo multimedia</translation>
    </message>
    <message>
        <source>Exposure</source>
        <translation>Exposición</translation>
    </message>
    <message>
        <source>Wellness prompt</source>
        <translation>Aviso de bienestar</translation>
    </message>
    <message>
        <source>Media of this case shown with the organisation&apos;s presets (your stricter settings return on the next case).</source>
        <translation>La multimedia de este caso se muestra con los ajustes de la organización (tus ajustes más estrictos vuelven en el caso siguiente).</translation>
    </message>
    <message>
        <source>All media hidden. {key} again shows the blurred previews.</source>
        <translation>Toda la multimedia oculta. {key} de nuevo muestra las vistas previas difuminadas.</translation>
    </message>
    <message>
        <source>Blurred previews shown again ({key} hides all media).</source>
        <translation>Vistas previas difuminadas visibles de nuevo ({key} oculta toda la multimedia).</translation>
    </message>
    <message>
        <source>ALL MEDIA HIDDEN — {key} shows blurred previews</source>
        <translation>TODA LA MULTIMEDIA OCULTA — {key} muestra las vistas previas difuminadas</translation>
    </message>
    <message>
        <source>Blurred · hold {reveal} to reveal (reduced detail first) · {panic} hides all</source>
        <translation>Difuminado · mantén {reveal} para mostrar (primero detalle reducido) · {panic} oculta todo</translation>
    </message>
    <message>
        <source> · {key}: whole image</source>
        <translation> · {key}: imagen completa</translation>
    </message>
    <message>
        <source>REAL PIXELS — release to blur</source>
        <translation>PÍXELES REALES — suelta para difuminar</translation>
    </message>
    <message>
        <source>{key}: real pixels</source>
        <translation>{key}: píxeles reales</translation>
    </message>
    <message>
        <source>real pixels not allowed for this category</source>
        <translation>píxeles reales no permitidos en esta categoría</translation>
    </message>
    <message>
        <source>REDUCED DETAIL — {step}{widen} · release to blur</source>
        <translation>DETALLE REDUCIDO — {step}{widen} · suelta para difuminar</translation>
    </message>
    <message>
        <source>Still blurred: reduced detail not allowed for this category · {key}: real pixels</source>
        <translation>Sigue difuminado: detalle reducido no permitido en esta categoría · {key}: píxeles reales</translation>
    </message>
    <message>
        <source>Still blurred: this category is not revealed</source>
        <translation>Sigue difuminado: esta categoría no se muestra</translation>
    </message>
    <message>
        <source>For the break, if you like: {key} shows a calm picture with a slow breathing pace (optional).</source>
        <translation>Para la pausa, si quieres: {key} muestra una imagen tranquila con un ritmo lento de respiración (opcional).</translation>
    </message>
    <message>
        <source>Break noted. If you like, {key} shows a calm picture with a slow breathing pace (optional).</source>
        <translation>Pausa anotada. Si quieres, {key} muestra una imagen tranquila con un ritmo lento de respiración (opcional).</translation>
    </message>
</context>
<context>
    <name>MediaGrid</name>
    <message>
        <source>Media</source>
        <translation>Multimedia</translation>
    </message>
    <message>
        <source>No media attached to this case</source>
        <translation>Este caso no tiene multimedia adjunta</translation>
    </message>
    <message numerus="yes">
        <source>Media, %n item(s)</source>
        <translation>
            <numerusform>Multimedia, %n elemento</numerusform>
            <numerusform>Multimedia, %n elementos</numerusform>
        </translation>
    </message>
    <message>
        <source>Item {number}: {state}.</source>
        <translation>Elemento {number}: {state}.</translation>
    </message>
</context>
<context>
    <name>MediaPage</name>
    <message>
        <source>You can only be stricter than your organisation&apos;s presets: what it already holds strict is ticked or unticked and cannot be changed here. Media on screen is shown again with these settings when you save; a category set to never render also stops being downloaded from the next start.</source>
        <translation>Solo puedes ser más estricto que los ajustes de tu organización: lo que ella ya mantiene estricto aparece marcado o desmarcado y no se puede cambiar aquí. La multimedia en pantalla se vuelve a mostrar con estos ajustes al guardar; una categoría que no se muestra nunca deja además de descargarse desde el próximo inicio.</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoría</translation>
    </message>
    <message>
        <source>Blur (share of the image)</source>
        <translation>Desenfoque (fracción de la imagen)</translation>
    </message>
    <message>
        <source>Grayscale</source>
        <translation>Escala de grises</translation>
    </message>
    <message>
        <source>Reduced detail</source>
        <translation>Detalle reducido</translation>
    </message>
    <message>
        <source>Real pixels</source>
        <translation>Píxeles reales</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>Color</translation>
    </message>
    <message>
        <source>Never render</source>
        <translation>No mostrar nunca</translation>
    </message>
    <message>
        <source>Your organisation&apos;s preset: you can only be stricter.</source>
        <translation>Ajuste de tu organización: solo puedes ser más estricto.</translation>
    </message>
</context>
<context>
    <name>MediaTile</name>
    <message>
        <source>Audio · silent until you hold the listen key (volume capped)</source>
        <translation>Audio · en silencio hasta que mantengas la tecla de escuchar (volumen limitado)</translation>
    </message>
    <message>
        <source>Audio · stays off for this category</source>
        <translation>Audio · apagado para esta categoría</translation>
    </message>
</context>
<context>
    <name>MessageLog</name>
    <message>
        <source>Recent messages</source>
        <translation>Mensajes recientes</translation>
    </message>
    <message>
        <source>Recent messages, newest first, in local time · Esc closes</source>
        <translation>Mensajes recientes, del más nuevo al más antiguo, en hora local · Esc cierra</translation>
    </message>
    <message>
        <source>No messages yet.</source>
        <translation>Aún no hay mensajes.</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Record ({key})</source>
        <translation>Registrar ({key})</translation>
    </message>
    <message>
        <source>A note is required for this action.</source>
        <translation>Esta acción requiere una nota.</translation>
    </message>
</context>
<context>
    <name>PolicyPicker</name>
    <message>
        <source>Type to filter · number to pick · Enter takes the highlighted</source>
        <translation>Escribe para filtrar · un número elige · Intro toma la resaltada</translation>
    </message>
    <message>
        <source>Policies</source>
        <translation>Políticas</translation>
    </message>
    <message>
        <source>Policy id: {policy}</source>
        <translation>Id. de la política: {policy}</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <source>Queues</source>
        <translation>Colas</translation>
    </message>
    <message>
        <source>Each queue with its figures</source>
        <translation>Cada cola con sus cifras</translation>
    </message>
    <message>
        <source>Case list</source>
        <translation>Lista de casos</translation>
    </message>
    <message>
        <source>The cases of the queue, in work order; Enter opens one</source>
        <translation>Los casos de la cola, en orden de trabajo; Intro abre uno</translation>
    </message>
    <message>
        <source>All queues</source>
        <translation>Todas las colas</translation>
    </message>
    <message numerus="yes">
        <source>%Ln cached here</source>
        <translation>
            <numerusform>%Ln guardado aquí</numerusform>
            <numerusform>%Ln guardados aquí</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReversalChooser</name>
    <message>
        <source>Type to filter · Enter takes the highlighted · Esc cancels</source>
        <translation>Escribe para filtrar · Intro toma la resaltada · Esc cancela</translation>
    </message>
    <message>
        <source>Reverse which of your sent decisions? Newest first; the case on screen has none.</source>
        <translation>¿Qué decisión enviada quieres revertir? Las más nuevas primero; el caso en pantalla no tiene ninguna.</translation>
    </message>
    <message>
        <source>Your sent decisions</source>
        <translation>Tus decisiones enviadas</translation>
    </message>
</context>
<context>
    <name>SettingsDesk</name>
    <message>
        <source>Settings saved and applied (language and key changes apply from the next start).</source>
        <translation>Ajustes guardados y aplicados (los cambios de idioma y de teclas se aplican desde el próximo inicio).</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Apariencia</translation>
    </message>
    <message>
        <source>Media</source>
        <translation>Multimedia</translation>
    </message>
    <message>
        <source>Wellness</source>
        <translation>Bienestar</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Teclas</translation>
    </message>
</context>
<context>
    <name>StatusLine</name>
    <message>
        <source>Messages</source>
        <translation>Mensajes</translation>
    </message>
    <message>
        <source>The latest message; Ctrl+Shift+M shows the recent ones</source>
        <translation>El último mensaje; Ctrl+Mayús+M muestra los recientes</translation>
    </message>
</context>
<context>
    <name>SuggestedDecision</name>
    <message>
        <source>No suggested decision for this case: its media has no earlier decisions that agree. Decide with the keys as usual.</source>
        <translation>No hay decisión sugerida para este caso: su multimedia no tiene decisiones anteriores que coincidan. Decide con las teclas como siempre.</translation>
    </message>
</context>
<context>
    <name>SweepView</name>
    <message>
        <source>Crisis sweep</source>
        <translation>Barrido de crisis</translation>
    </message>
    <message>
        <source>ALL MEDIA HIDDEN · {key} shows the blurred grid again</source>
        <translation>TODA LA MULTIMEDIA OCULTA · {key} vuelve a mostrar la cuadrícula difuminada</translation>
    </message>
    <message numerus="yes">
        <source>Sweep: %Ln item(s) · {selected} selected   {select} select · {same} same media · {all} all · </source>
        <translation>
            <numerusform>Barrido: %Ln elemento · {selected} seleccionados   {select} seleccionar · {same} misma multimedia · {all} todos · </numerusform>
            <numerusform>Barrido: %Ln elementos · {selected} seleccionados   {select} seleccionar · {same} misma multimedia · {all} todos · </numerusform>
        </translation>
    </message>
    <message>
        <source> · {cancel} clear/close · no reveal in the sweep</source>
        <translation> · {cancel} borrar/cerrar · sin mostrar en el barrido</translation>
    </message>
    <message>
        <source>(unbound)</source>
        <translation>(sin asignar)</translation>
    </message>
    <message>
        <source>Nothing recorded.</source>
        <translation>No se ha registrado nada.</translation>
    </message>
    <message numerus="yes">
        <source>{action} %n item(s) under which policy?</source>
        <translation>
            <numerusform>{action} %n elemento: ¿según qué política?</numerusform>
            <numerusform>{action} %n elementos: ¿según qué política?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{action} %n item(s)</source>
        <translation>
            <numerusform>{action} %n elemento</numerusform>
            <numerusform>{action} %n elementos</numerusform>
        </translation>
    </message>
    <message>
        <source>Why? The note goes with every decision in this sweep.</source>
        <translation>¿Por qué? La nota acompaña a cada decisión de este barrido.</translation>
    </message>
    <message>
        <source>Confirm bulk decision</source>
        <translation>Confirmar decisión en bloque</translation>
    </message>
    <message numerus="yes">
        <source>Record %n decision(s) (Enter)</source>
        <translation>
            <numerusform>Registrar %n decisión (Intro)</numerusform>
            <numerusform>Registrar %n decisiones (Intro)</numerusform>
        </translation>
    </message>
    <message>
        <source> — then NOT recorded: {error}</source>
        <translation> — después NO registrado: {error}</translation>
    </message>
    <message numerus="yes">
        <source>Recorded {action} ({policy}) on %n item(s) — saved here</source>
        <translation>
            <numerusform>Registrado {action} ({policy}) en %n elemento — guardado aquí</numerusform>
            <numerusform>Registrado {action} ({policy}) en %n elementos — guardado aquí</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncBridge</name>
    <message>
        <source>Sync now: no central API in this session; decisions stay here.</source>
        <translation>Sincronizar ahora: no hay API central en esta sesión; las decisiones se quedan aquí.</translation>
    </message>
    <message>
        <source>Sync now: trying the central API again; decisions wait here meanwhile.</source>
        <translation>Sincronizar ahora: se vuelve a intentar con la API central; mientras tanto las decisiones esperan aquí.</translation>
    </message>
    <message>
        <source>Sync now: sending what waits and fetching new cases; the status bar shows what is sent.</source>
        <translation>Sincronizar ahora: se envía lo que espera y se traen casos nuevos; la barra de estado muestra lo enviado.</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <source>Sync status</source>
        <translation>Estado de la sincronización</translation>
    </message>
    <message>
        <source>Enter shows conflicts and rejected decisions</source>
        <translation>Intro muestra los conflictos y las decisiones rechazadas</translation>
    </message>
</context>
<context>
    <name>WellnessPage</name>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Both can only be shorter than the defaults ({cap} minutes of exposure a day, a break every {every} minutes). They apply as soon as you save.</source>
        <translation>Ambos solo pueden ser más cortos que los valores predeterminados ({cap} minutos de exposición al día, una pausa cada {every} minutos). Se aplican en cuanto guardas.</translation>
    </message>
    <message>
        <source>Daily media exposure allowance</source>
        <translation>Exposición diaria permitida</translation>
    </message>
    <message>
        <source>Suggest a break after working</source>
        <translation>Sugerir una pausa tras trabajar</translation>
    </message>
</context>
<context>
    <name>WorkList</name>
    <message>
        <source>No cached case matches the search and filters. Ctrl+Shift+L clears them (the queue stays).</source>
        <translation>Ningún caso guardado coincide con la búsqueda y los filtros. Ctrl+Mayús+L los borra (la cola se mantiene).</translation>
    </message>
    <message>
        <source>No case to review. New cases appear here as soon as they are claimed.</source>
        <translation>No hay casos que revisar. Los casos nuevos aparecen aquí en cuanto se reclaman.</translation>
    </message>
</context>
<context>
    <name>ZoomDialog</name>
    <message>
        <source>Media of {case} — blurred; hold Space to reveal</source>
        <translation>Multimedia de {case} — difuminada; mantén Espacio para mostrar</translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <source>No violation</source>
        <translation>Sin infracción</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirar</translation>
    </message>
    <message>
        <source>Label sensitive</source>
        <translation>Marcar como sensible</translation>
    </message>
    <message>
        <source>Restrict reach</source>
        <translation>Limitar alcance</translation>
    </message>
    <message>
        <source>Suspend</source>
        <translation>Suspender</translation>
    </message>
    <message>
        <source>Escalate</source>
        <translation>Escalar</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Aprobar</translation>
    </message>
    <message>
        <source>Reverse decision</source>
        <translation>Revertir decisión</translation>
    </message>
    <message>
        <source>Uphold (appeal)</source>
        <translation>Mantener (apelación)</translation>
    </message>
    <message>
        <source>Overturn (appeal)</source>
        <translation>Anular (apelación)</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Omitir</translation>
    </message>
    <message>
        <source>Hold this case (with a reason)…</source>
        <translation>Retener este caso (con un motivo)…</translation>
    </message>
    <message>
        <source>Hand this case to a colleague…</source>
        <translation>Pasar este caso a un colega…</translation>
    </message>
    <message>
        <source>Next case</source>
        <translation>Caso siguiente</translation>
    </message>
    <message>
        <source>Previous case</source>
        <translation>Caso anterior</translation>
    </message>
    <message>
        <source>Reveal media (hold)</source>
        <translation>Mostrar multimedia (mantener)</translation>
    </message>
    <message>
        <source>Reveal media, in colour once D is pressed (hold)</source>
        <translation>Mostrar multimedia, en color al pulsar D (mantener)</translation>
    </message>
    <message>
        <source>Real pixels instead of reduced detail (while holding reveal)</source>
        <translation>Píxeles reales en vez de detalle reducido (mientras se muestra)</translation>
    </message>
    <message>
        <source>Widen reveal to the whole image (while holding reveal)</source>
        <translation>Ampliar a toda la imagen (mientras se muestra)</translation>
    </message>
    <message>
        <source>Next media item (the one a reveal opens on)</source>
        <translation>Elemento multimedia siguiente (el que se muestra)</translation>
    </message>
    <message>
        <source>Previous media item</source>
        <translation>Elemento multimedia anterior</translation>
    </message>
    <message>
        <source>Listen to audio (hold; volume capped)</source>
        <translation>Escuchar el audio (mantener; volumen limitado)</translation>
    </message>
    <message>
        <source>Hide all media now</source>
        <translation>Ocultar ya toda la multimedia</translation>
    </message>
    <message>
        <source>Zoom media</source>
        <translation>Ampliar multimedia</translation>
    </message>
    <message>
        <source>I took a break</source>
        <translation>He hecho una pausa</translation>
    </message>
    <message>
        <source>A calm picture and a breathing pace (optional)</source>
        <translation>Una imagen tranquila y un ritmo de respiración (opcional)</translation>
    </message>
    <message>
        <source>Relax my stricter media settings for this case</source>
        <translation>Relajar mis ajustes de multimedia más estrictos en este caso</translation>
    </message>
    <message>
        <source>Confirm the suggested decision (earlier decisions on the same media)</source>
        <translation>Confirmar la decisión sugerida (decisiones anteriores sobre la misma multimedia)</translation>
    </message>
    <message>
        <source>Undo last decision</source>
        <translation>Deshacer la última decisión</translation>
    </message>
    <message>
        <source>Command palette…</source>
        <translation>Paleta de órdenes…</translation>
    </message>
    <message>
        <source>Keyboard cheat sheet</source>
        <translation>Chuleta de teclas</translation>
    </message>
    <message>
        <source>Recent messages…</source>
        <translation>Mensajes recientes…</translation>
    </message>
    <message>
        <source>Open log folder</source>
        <translation>Abrir la carpeta de registros</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
    <message>
        <source>Record with this note</source>
        <translation>Registrar con esta nota</translation>
    </message>
    <message>
        <source>Run the highlighted entry</source>
        <translation>Ejecutar la entrada resaltada</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Sincronizar ahora</translation>
    </message>
    <message>
        <source>Next queue</source>
        <translation>Cola siguiente</translation>
    </message>
    <message>
        <source>Previous queue</source>
        <translation>Cola anterior</translation>
    </message>
    <message>
        <source>Conflicts and rejected decisions…</source>
        <translation>Conflictos y decisiones rechazadas…</translation>
    </message>
    <message>
        <source>Crisis sweep of this queue…</source>
        <translation>Barrido de crisis de esta cola…</translation>
    </message>
    <message>
        <source>Move left</source>
        <translation>Mover a la izquierda</translation>
    </message>
    <message>
        <source>Move right</source>
        <translation>Mover a la derecha</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Mover arriba</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Mover abajo</translation>
    </message>
    <message>
        <source>Select / unselect this item</source>
        <translation>Seleccionar / deseleccionar este elemento</translation>
    </message>
    <message>
        <source>Select every item with the same media</source>
        <translation>Seleccionar todos los elementos con la misma multimedia</translation>
    </message>
    <message>
        <source>Select all</source>
        <translation>Seleccionar todo</translation>
    </message>
    <message>
        <source>Search cached cases and notes…</source>
        <translation>Buscar en casos y notas guardados…</translation>
    </message>
    <message>
        <source>Filter and sort the case list…</source>
        <translation>Filtrar y ordenar la lista de casos…</translation>
    </message>
    <message>
        <source>Clear search and filters</source>
        <translation>Borrar búsqueda y filtros</translation>
    </message>
    <message>
        <source>Show / hide the investigation panel</source>
        <translation>Mostrar / ocultar el panel de investigación</translation>
    </message>
    <message>
        <source>Add a note on this account…</source>
        <translation>Añadir una nota sobre esta cuenta…</translation>
    </message>
    <message>
        <source>Policy library and guidelines…</source>
        <translation>Biblioteca de políticas y directrices…</translation>
    </message>
    <message>
        <source>Acknowledge the bulletin</source>
        <translation>Confirmar la lectura del boletín</translation>
    </message>
    <message>
        <source>Show / hide the incidents panel</source>
        <translation>Mostrar / ocultar el panel de incidentes</translation>
    </message>
    <message>
        <source>Add this case to the selected incident</source>
        <translation>Añadir este caso al incidente seleccionado</translation>
    </message>
    <message>
        <source>Next pane</source>
        <translation>Panel siguiente</translation>
    </message>
    <message>
        <source>Previous pane</source>
        <translation>Panel anterior</translation>
    </message>
    <message>
        <source>Alerts…</source>
        <translation>Alertas…</translation>
    </message>
    <message>
        <source>Sign out and wipe this machine&apos;s cache…</source>
        <translation>Cerrar sesión y borrar la caché de este equipo…</translation>
    </message>
    <message>
        <source>Sign in again (keeps the cache and what waits to be sent)…</source>
        <translation>Volver a iniciar sesión (conserva la caché y lo pendiente de envío)…</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Ajustes…</translation>
    </message>
    <message>
        <source>Dashboards: my shift and the team…</source>
        <translation>Paneles: mi turno y el equipo…</translation>
    </message>
    <message>
        <source>Work order (priority, then deadline)</source>
        <translation>Orden de trabajo (prioridad, luego plazo)</translation>
    </message>
    <message>
        <source>SLA deadline</source>
        <translation>Plazo del SLA</translation>
    </message>
    <message>
        <source>Most reported</source>
        <translation>Más denunciados</translation>
    </message>
    <message>
        <source>Priority, then reports</source>
        <translation>Prioridad, luego denuncias</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Región</translation>
    </message>
    <message>
        <source>matching “{text}”</source>
        <translation>que coinciden con «{text}»</translation>
    </message>
    <message>
        <source>priority {levels}</source>
        <translation>prioridad {levels}</translation>
    </message>
    <message>
        <source>language {value}</source>
        <translation>idioma {value}</translation>
    </message>
    <message>
        <source>region {value}</source>
        <translation>región {value}</translation>
    </message>
    <message>
        <source>policy {value}</source>
        <translation>política {value}</translation>
    </message>
    <message>
        <source>≥{count} reports</source>
        <translation>≥{count} denuncias</translation>
    </message>
    <message>
        <source>sorted by {order} (reversed)</source>
        <translation>ordenados por {order} (invertido)</translation>
    </message>
    <message>
        <source>sorted by {order}</source>
        <translation>ordenados por {order}</translation>
    </message>
    <message>
        <source>Sort by SLA deadline (Ctrl+L) to take them first.</source>
        <translation>Ordena por plazo del SLA (Ctrl+L) para atenderlos primero.</translation>
    </message>
    <message>
        <source>{case} · {action} under {policy} · {when}</source>
        <translation>{case} · {action} según {policy} · {when}</translation>
    </message>
    <message>
        <source>{case} · {action} · {when}</source>
        <translation>{case} · {action} · {when}</translation>
    </message>
    <message>
        <source>today {time}</source>
        <translation>hoy {time}</translation>
    </message>
    <message>
        <source>yesterday {time}</source>
        <translation>ayer {time}</translation>
    </message>
    <message>
        <source>blurred</source>
        <translation>difuminado</translation>
    </message>
    <message>
        <source>reduced detail</source>
        <translation>detalle reducido</translation>
    </message>
    <message>
        <source>real pixels</source>
        <translation>píxeles reales</translation>
    </message>
    <message>
        <source>You have been at it a while. A short break away from the screen helps — press B when you are back.</source>
        <translation>Llevas un buen rato. Una pausa breve lejos de la pantalla ayuda — pulsa B al volver.</translation>
    </message>
    <message>
        <source>You have used 80% of today&apos;s media exposure allowance.</source>
        <translation>Has usado el 80 % de tu máximo diario de exposición a multimedia.</translation>
    </message>
    <message>
        <source>Today&apos;s media exposure allowance is used up. Consider moving to a low-exposure queue, such as Appeals, for the rest of the day.</source>
        <translation>Has agotado el máximo diario de exposición a multimedia. Plantéate pasar a una cola de baja exposición, como Apelaciones, el resto del día.</translation>
    </message>
    <message>
        <source>SLA unknown</source>
        <translation>SLA desconocido</translation>
    </message>
    <message>
        <source>{time} late</source>
        <translation>{time} de retraso</translation>
    </message>
    <message>
        <source>{time} left</source>
        <translation>quedan {time}</translation>
    </message>
    <message>
        <source>SLA breached {time} ago</source>
        <translation>SLA vencido hace {time}</translation>
    </message>
    <message>
        <source>SLA {time} left</source>
        <translation>SLA: quedan {time}</translation>
    </message>
    <message>
        <source>Your hold on this case ends in {time} and is not being renewed (offline?): after that the central API may give it to another reviewer.</source>
        <translation>Tu reserva de este caso termina en {time} y no se está renovando (¿sin conexión?): después, la API central puede dárselo a otro revisor.</translation>
    </message>
    <message>
        <source>Your hold on this case has lapsed: the central API may give it to another reviewer, and a decision made now may conflict with theirs.</source>
        <translation>Tu reserva de este caso ha caducado: la API central puede dárselo a otro revisor, y una decisión tomada ahora puede entrar en conflicto con la suya.</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>desconocido</translation>
    </message>
    <message>
        <source>Same image: {action} ({policy}), {count}× this week</source>
        <translation>Misma imagen: {action} ({policy}), {count}× esta semana</translation>
    </message>
    <message>
        <source>Near-identical image: {action} ({policy}), {count}× this week</source>
        <translation>Imagen casi idéntica: {action} ({policy}), {count}× esta semana</translation>
    </message>
    <message>
        <source>Not synced yet: these figures come from the central API.</source>
        <translation>Aún sin sincronizar: estas cifras vienen de la API central.</translation>
    </message>
    <message>
        <source>My shift</source>
        <translation>Mi turno</translation>
    </message>
    <message>
        <source>Decisions per hour</source>
        <translation>Decisiones por hora</translation>
    </message>
    <message>
        <source>Decisions</source>
        <translation>Decisiones</translation>
    </message>
    <message>
        <source>decisions</source>
        <translation>decisiones</translation>
    </message>
    <message>
        <source>Decisions this shift</source>
        <translation>Decisiones en este turno</translation>
    </message>
    <message>
        <source>SLA met</source>
        <translation>SLA cumplido</translation>
    </message>
    <message>
        <source>over the last {hours} hours</source>
        <translation>en las últimas {hours} horas</translation>
    </message>
    <message>
        <source>{met} of {total} before the deadline</source>
        <translation>{met} de {total} antes del plazo</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>Acuerdo</translation>
    </message>
    <message>
        <source>{agreed} of {reviewed} confirmed by a second review</source>
        <translation>{agreed} de {reviewed} confirmadas por una segunda revisión</translation>
    </message>
    <message>
        <source>Calibration</source>
        <translation>Calibración</translation>
    </message>
    <message>
        <source>{matched} of {answered} golden cases matched</source>
        <translation>{matched} de {answered} casos de referencia acertados</translation>
    </message>
    <message>
        <source>none yet today</source>
        <translation>ninguna hoy todavía</translation>
    </message>
    <message>
        <source>the last at {time}</source>
        <translation>la última a las {time}</translation>
    </message>
    <message>
        <source>Breaks taken today</source>
        <translation>Pausas tomadas hoy</translation>
    </message>
    <message>
        <source>Exposure today</source>
        <translation>Exposición hoy</translation>
    </message>
    <message>
        <source>{used} of {cap} min</source>
        <translation>{used} de {cap} min</translation>
    </message>
    <message>
        <source>{reduced} min reduced detail, {real} min real pixels</source>
        <translation>{reduced} min de detalle reducido, {real} min de píxeles reales</translation>
    </message>
    <message>
        <source>Exposure per day, last 30 days</source>
        <translation>Exposición por día, últimos 30 días</translation>
    </message>
    <message>
        <source>Reduced detail</source>
        <translation>Detalle reducido</translation>
    </message>
    <message>
        <source>Real pixels</source>
        <translation>Píxeles reales</translation>
    </message>
    <message>
        <source>minutes</source>
        <translation>minutos</translation>
    </message>
    <message>
        <source>Daily cap</source>
        <translation>Límite diario</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Últimos 30 días</translation>
    </message>
    <message>
        <source>Without reveal</source>
        <translation>Sin revelar</translation>
    </message>
    <message>
        <source>Full reveal</source>
        <translation>Revelado completo</translation>
    </message>
    <message>
        <source>Share of each period&apos;s decisions by what was revealed</source>
        <translation>Proporción de las decisiones de cada periodo según lo revelado</translation>
    </message>
    <message>
        <source>The team view is for leads: the central API refused it to this sign-in.</source>
        <translation>La vista de equipo es para responsables: la API central la ha denegado a esta sesión.</translation>
    </message>
    <message>
        <source>Not synced yet: the team figures come from the central API.</source>
        <translation>Aún sin sincronizar: las cifras del equipo vienen de la API central.</translation>
    </message>
    <message>
        <source>Exposure stays on each reviewer&apos;s workstation (the organisation&apos;s policy).</source>
        <translation>La exposición se queda en la estación de cada revisor (política de la organización).</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Cola</translation>
    </message>
    <message>
        <source>Backlog</source>
        <translation>Pendientes</translation>
    </message>
    <message>
        <source>Breached</source>
        <translation>Vencidos</translation>
    </message>
    <message>
        <source>Breach forecast</source>
        <translation>Previsión de vencimientos</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Equipo</translation>
    </message>
    <message>
        <source>Inflow</source>
        <translation>Entrada</translation>
    </message>
    <message>
        <source>Reviewer-days by minutes of exposure, last {days} days</source>
        <translation>Días-revisor por minutos de exposición, últimos {days} días</translation>
    </message>
    <message>
        <source>Fewer than 3 reviewers share daily totals ({n}): not shown, so no bar is one person.</source>
        <translation>Menos de 3 revisores comparten totales diarios ({n}): no se muestra, para que ninguna barra sea una sola persona.</translation>
    </message>
    <message>
        <source>Reviewer-days</source>
        <translation>Días-revisor</translation>
    </message>
    <message>
        <source>Agreement by policy</source>
        <translation>Acuerdo por política</translation>
    </message>
    <message>
        <source>No data yet</source>
        <translation>Sin datos todavía</translation>
    </message>
    <message>
        <source>No OS keyring: cached cases are kept for this session only and fetched again at the next start</source>
        <translation>Sin llavero del sistema: los casos guardados se conservan solo en esta sesión y se descargan de nuevo en el próximo inicio</translation>
    </message>
    <message>
        <source>A calmer case next: {count} graphic cases in a row. No deadline is at risk; the graphic ones follow.</source>
        <translation>Ahora un caso más tranquilo: {count} casos gráficos seguidos. Ningún plazo corre peligro; los gráficos vienen después.</translation>
    </message>
    <message>
        <source>Context unavailable from the central API ({error}); showing what the case itself carries.</source>
        <translation>Contexto no disponible desde la API central ({error}); se muestra lo que trae el propio caso.</translation>
    </message>
    <message>
        <source>Context not fetched yet — will load when online.</source>
        <translation>Contexto aún no descargado — se cargará cuando haya conexión.</translation>
    </message>
    <message>
        <source> (offline now)</source>
        <translation> (ahora sin conexión)</translation>
    </message>
    <message>
        <source>earlier</source>
        <translation>antes</translation>
    </message>
    <message>
        <source>Context as of {when}</source>
        <translation>Contexto a fecha de {when}</translation>
    </message>
    <message>
        <source> · offline: this is the cached copy</source>
        <translation> · sin conexión: es la copia guardada</translation>
    </message>
    <message>
        <source>unknown age</source>
        <translation>antigüedad desconocida</translation>
    </message>
    <message>
        <source>{years} y {months} mo old</source>
        <translation>{years} a {months} m de antigüedad</translation>
    </message>
    <message>
        <source>Account {age} (since {since})</source>
        <translation>Cuenta de {age} (desde {since})</translation>
    </message>
    <message>
        <source>HIGH-PROFILE ACCOUNT — a reviewer&apos;s enforcement waits for a senior</source>
        <translation>CUENTA DE ALTO PERFIL — una medida de un revisor espera a un responsable</translation>
    </message>
    <message>
        <source>No prior enforcement in the case&apos;s account history (strikes: not known yet).</source>
        <translation>Sin medidas previas en el historial de la cuenta del caso (sanciones: aún desconocidas).</translation>
    </message>
    <message>
        <source>Strikes: not known until the context loads. From the case&apos;s account history:</source>
        <translation>Sanciones: desconocidas hasta que cargue el contexto. Del historial de la cuenta del caso:</translation>
    </message>
    <message>
        <source>Strikes: {count} in the last {days} days</source>
        <translation>Sanciones: {count} en los últimos {days} días</translation>
    </message>
    <message>
        <source> (counting {actions})</source>
        <translation> (cuentan {actions})</translation>
    </message>
    <message>
        <source>No prior enforcement on this account.</source>
        <translation>Sin medidas previas contra esta cuenta.</translation>
    </message>
    <message>
        <source> on {case}</source>
        <translation> en {case}</translation>
    </message>
    <message>
        <source>Not known yet — will load when online.</source>
        <translation>Aún desconocido — se cargará cuando haya conexión.</translation>
    </message>
    <message>
        <source>No other open reports against this account.</source>
        <translation>No hay otras denuncias abiertas contra esta cuenta.</translation>
    </message>
    <message>
        <source>No reporters on record for this case.</source>
        <translation>No constan denunciantes para este caso.</translation>
    </message>
    <message>
        <source>; {upheld} of the {decided} decided were upheld ({share}%)</source>
        <translation>; {upheld} de las {decided} decididas se confirmaron ({share} %)</translation>
    </message>
    <message>
        <source>No notes on this account yet. {key}: add one.</source>
        <translation>Aún no hay notas sobre esta cuenta. {key}: añadir una.</translation>
    </message>
    <message>
        <source>you</source>
        <translation>tú</translation>
    </message>
    <message>
        <source> · not sent yet</source>
        <translation> · aún sin enviar</translation>
    </message>
    <message>
        <source>Investigation: {parts} — {key} shows it</source>
        <translation>Investigación: {parts} — {key} la muestra</translation>
    </message>
    <message>
        <source>Not shown: the {preset} preset does not allow the {stage} stage.</source>
        <translation>No se muestra: el ajuste {preset} no permite la etapa de {stage}.</translation>
    </message>
    <message>
        <source>Not shown: the {category} category is never rendered.</source>
        <translation>No se muestra: la categoría {category} no se muestra nunca.</translation>
    </message>
    <message>
        <source>Cannot be displayed: not a supported video</source>
        <translation>No se puede mostrar: no es un vídeo compatible</translation>
    </message>
    <message>
        <source>Cannot be displayed: the video is damaged ({error})</source>
        <translation>No se puede mostrar: el vídeo está dañado ({error})</translation>
    </message>
    <message>
        <source>Cannot be displayed: the video has no frames</source>
        <translation>No se puede mostrar: el vídeo no tiene fotogramas</translation>
    </message>
    <message>
        <source>Cannot be displayed: the video frames are too large</source>
        <translation>No se puede mostrar: los fotogramas del vídeo son demasiado grandes</translation>
    </message>
    <message>
        <source>Cannot be displayed: the file is empty</source>
        <translation>No se puede mostrar: el archivo está vacío</translation>
    </message>
    <message>
        <source>Cannot be displayed: {width}×{height} is too large to open safely</source>
        <translation>No se puede mostrar: {width}×{height} es demasiado grande para abrirla con seguridad</translation>
    </message>
    <message>
        <source>Cannot be displayed: the animation is damaged ({error})</source>
        <translation>No se puede mostrar: la animación está dañada ({error})</translation>
    </message>
    <message>
        <source>Cannot be displayed: the file is damaged ({error})</source>
        <translation>No se puede mostrar: el archivo está dañado ({error})</translation>
    </message>
    <message>
        <source>Cannot be displayed: the image is too large to open safely</source>
        <translation>No se puede mostrar: la imagen es demasiado grande para abrirla con seguridad</translation>
    </message>
    <message>
        <source>Cannot be displayed: not a JPEG, PNG, GIF or WebP image, or the file is damaged</source>
        <translation>No se puede mostrar: no es una imagen JPEG, PNG, GIF o WebP, o el archivo está dañado</translation>
    </message>
    <message>
        <source>the central API&apos;s answers cannot be read</source>
        <translation>no se pueden leer las respuestas de la API central</translation>
    </message>
    <message>
        <source>the central API refuses the workstation&apos;s requests</source>
        <translation>la API central rechaza las peticiones de la estación</translation>
    </message>
    <message>
        <source>the local store cannot be written</source>
        <translation>no se puede escribir en el almacén local</translation>
    </message>
    <message>
        <source>the sync worker met an unexpected error</source>
        <translation>el sincronizador encontró un error inesperado</translation>
    </message>
    <message>
        <source>Sync trouble: {reason} — {count} in the last {minutes} min</source>
        <translation>Problemas de sincronización: {reason} — {count} en los últimos {minutes} min</translation>
    </message>
    <message>
        <source>Withdrawn by the platform</source>
        <translation>Retirado por la plataforma</translation>
    </message>
    <message>
        <source>Deleted by the platform</source>
        <translation>Eliminado por la plataforma</translation>
    </message>
    <message>
        <source>Decided by another reviewer</source>
        <translation>Decidido por otro revisor</translation>
    </message>
    <message>
        <source>Escalated by another reviewer</source>
        <translation>Escalado por otro revisor</translation>
    </message>
    <message>
        <source>Decided by another reviewer, awaiting a senior&apos;s approval</source>
        <translation>Decidido por otro revisor, pendiente de la aprobación de un responsable</translation>
    </message>
    <message>
        <source>A senior</source>
        <translation>Un responsable</translation>
    </message>
    <message>
        <source>{reviewer} approved your “{action}” on {case}</source>
        <translation>{reviewer} aprobó tu «{action}» en {case}</translation>
    </message>
    <message>
        <source>{reviewer} amended your “{action}” on {case}: now “{now}”</source>
        <translation>{reviewer} modificó tu «{action}» en {case}: ahora «{now}»</translation>
    </message>
    <message>
        <source>{reviewer} overturned your “{action}” on {case}: now “{now}”</source>
        <translation>{reviewer} anuló tu «{action}» en {case}: ahora «{now}»</translation>
    </message>
    <message>
        <source>{reviewer} ruled on your “{action}” on {case}: now “{now}”</source>
        <translation>{reviewer} resolvió sobre tu «{action}» en {case}: ahora «{now}»</translation>
    </message>
    <message>
        <source>Categories: {list}</source>
        <translation>Categorías: {list}</translation>
    </message>
    <message>
        <source>Queues: {list}</source>
        <translation>Colas: {list}</translation>
    </message>
    <message>
        <source>Includes high-profile accounts: {list}</source>
        <translation>Incluye cuentas de alto perfil: {list}</translation>
    </message>
    <message>
        <source>the central API does not know it</source>
        <translation>la API central no lo conoce</translation>
    </message>
    <message>
        <source>it is outside the queues you may work</source>
        <translation>está fuera de las colas en las que puedes trabajar</translation>
    </message>
    <message>
        <source>the central API refused it (HTTP {status})</source>
        <translation>la API central lo rechazó (HTTP {status})</translation>
    </message>
    <message>
        <source>Case {case} cannot be opened: {why}.</source>
        <translation>El caso {case} no se puede abrir: {why}.</translation>
    </message>
    <message>
        <source>Case {case} cannot be opened: the central API&apos;s answer could not be read.</source>
        <translation>El caso {case} no se puede abrir: no se pudo leer la respuesta de la API central.</translation>
    </message>
    <message>
        <source>Case {case} is {status} on the central API: nothing to decide.</source>
        <translation>El caso {case} está {status} en la API central: nada que decidir.</translation>
    </message>
    <message>
        <source>Case {case} fetched from the central API. It is not leased to you: another reviewer may hold it.</source>
        <translation>Caso {case} descargado de la API central. No está reservado para ti: puede tenerlo otro revisor.</translation>
    </message>
    <message>
        <source>{first}, {next}</source>
        <translation>{first}, {next}</translation>
    </message>
    <message>
        <source>{first} and {last}</source>
        <translation>{first} y {last}</translation>
    </message>
    <message>
        <source>Hold on {case} not kept by the central API (HTTP {status})</source>
        <translation>La API central no mantuvo la retención de {case} (HTTP {status})</translation>
    </message>
    <message>
        <source>{case} handed to {to}</source>
        <translation>{case} traspasado a {to}</translation>
    </message>
    <message>
        <source>{case} NOT handed to {to}: {why} — it stays in your list</source>
        <translation>{case} NO traspasado a {to}: {why} — sigue en tu lista</translation>
    </message>
    <message>
        <source>the central API knows no colleague named “{to}”</source>
        <translation>la API central no conoce a ningún compañero llamado «{to}»</translation>
    </message>
    <message>
        <source>you may not hand this case on</source>
        <translation>no puedes traspasar este caso</translation>
    </message>
    <message>
        <source>the case is no longer open to you</source>
        <translation>el caso ya no está abierto para ti</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Resumen</translation>
    </message>
    <message>
        <source>Root cause</source>
        <translation>Causa raíz</translation>
    </message>
    <message>
        <source>What went well</source>
        <translation>Qué salió bien</translation>
    </message>
    <message>
        <source>What to change</source>
        <translation>Qué cambiar</translation>
    </message>
    <message>
        <source>Action items</source>
        <translation>Acciones pendientes</translation>
    </message>
    <message>
        <source>Post-incident review: {title}</source>
        <translation>Revisión posterior al incidente: {title}</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>Incidente</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Gravedad</translation>
    </message>
    <message>
        <source>Regions</source>
        <translation>Regiones</translation>
    </message>
    <message>
        <source>all</source>
        <translation>todas</translation>
    </message>
    <message>
        <source>Commander</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Declared</source>
        <translation>Declarado</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Casos</translation>
    </message>
    <message>
        <source>{cases_in} in, {decided} decided, {pending} pending, {late} past SLA</source>
        <translation>{cases_in} entrados, {decided} decididos, {pending} pendientes, {late} fuera de SLA</translation>
    </message>
    <message>
        <source>Time to first action</source>
        <translation>Tiempo hasta la primera acción</translation>
    </message>
    <message>
        <source>Time to contain</source>
        <translation>Tiempo hasta contenerlo</translation>
    </message>
    <message>
        <source>Reviewers who decided</source>
        <translation>Revisores que decidieron</translation>
    </message>
    <message>
        <source>Generated</source>
        <translation>Generado</translation>
    </message>
    <message>
        <source>Bulletin</source>
        <translation>Boletín</translation>
    </message>
    <message>
        <source>{guideline}, acknowledged by {acknowledged} of {expected}</source>
        <translation>{guideline}, confirmado por {acknowledged} de {expected}</translation>
    </message>
    <message>
        <source>Decisions by action</source>
        <translation>Decisiones por acción</translation>
    </message>
    <message>
        <source>Decisions by policy</source>
        <translation>Decisiones por política</translation>
    </message>
    <message>
        <source>Guideline versions in force</source>
        <translation>Versiones de la guía vigentes</translation>
    </message>
    <message>
        <source>(unknown)</source>
        <translation>(desconocida)</translation>
    </message>
    <message>
        <source>Media by category (aggregate)</source>
        <translation>Contenido multimedia por categoría (agregado)</translation>
    </message>
    <message>
        <source>Decisions by reviewer</source>
        <translation>Decisiones por revisor</translation>
    </message>
    <message>
        <source>(not written yet)</source>
        <translation>(aún sin escribir)</translation>
    </message>
    <message>
        <source>unassigned</source>
        <translation>sin asignar</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Cronología</translation>
    </message>
    <message>
        <source>Timeline (UTC)</source>
        <translation>Cronología (UTC)</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>Hora (UTC)</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Qué ocurrió</translation>
    </message>
    <message>
        <source>None.</source>
        <translation>Ninguno.</translation>
    </message>
    <message>
        <source>None yet.</source>
        <translation>Ninguna todavía.</translation>
    </message>
    <message>
        <source>Cases in vs decided</source>
        <translation>Casos entrados frente a decididos</translation>
    </message>
    <message>
        <source>Cases in</source>
        <translation>Casos entrados</translation>
    </message>
    <message>
        <source>Decided</source>
        <translation>Decididos</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>todavía no</translation>
    </message>
    <message>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} h {minutes} min</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} min</translation>
    </message>
    <message>
        <source>no cases yet</source>
        <translation>aún no hay casos</translation>
    </message>
    <message>
        <source>{first} to {last} UTC</source>
        <translation>de {first} a {last} UTC</translation>
    </message>
    <message>
        <source>Handed to you by {who}: “{note}”</source>
        <translation>{who} te lo pasó: “{note}”</translation>
    </message>
    <message>
        <source>Handed to you by {who}</source>
        <translation>{who} te lo pasó</translation>
    </message>
    <message>
        <source>APPEAL of {action} ({policy}) by {who} — “{note}”</source>
        <translation>APELACIÓN de {action} ({policy}) de {who} — “{note}”</translation>
    </message>
    <message>
        <source>APPEAL of {action} ({policy}) by {who}</source>
        <translation>APELACIÓN de {action} ({policy}) de {who}</translation>
    </message>
    <message>
        <source>an unknown guideline version</source>
        <translation>una versión desconocida de la directriz</translation>
    </message>
    <message>
        <source>Made under {version}; since then: {changes}</source>
        <translation>Tomada con {version}; desde entonces: {changes}</translation>
    </message>
    <message>
        <source>Made under {version}; unchanged since</source>
        <translation>Tomada con {version}; sin cambios desde entonces</translation>
    </message>
    <message>
        <source>Author&apos;s statement: “{statement}”</source>
        <translation>Declaración del autor: “{statement}”</translation>
    </message>
    <message>
        <source>U upholds · O overturns (the original decision is reversed, never edited)</source>
        <translation>U mantiene · O anula (la decisión original se revierte, nunca se edita)</translation>
    </message>
    <message>
        <source>Nothing to skip to: this is the only case in your list.</source>
        <translation>No hay a qué saltar: es el único caso de tu lista.</translation>
    </message>
    <message>
        <source>Skipped {case}, undecided: it comes back at the end of your list.</source>
        <translation>{case} saltado, sin decidir: vuelve al final de tu lista.</translation>
    </message>
    <message>
        <source>Spam</source>
        <translation>Spam</translation>
    </message>
    <message>
        <source>Scam or fraud</source>
        <translation>Estafa o fraude</translation>
    </message>
    <message>
        <source>Impersonation</source>
        <translation>Suplantación de identidad</translation>
    </message>
    <message>
        <source>Harassment</source>
        <translation>Acoso</translation>
    </message>
    <message>
        <source>Bullying</source>
        <translation>Intimidación</translation>
    </message>
    <message>
        <source>Hate speech</source>
        <translation>Discurso de odio</translation>
    </message>
    <message>
        <source>Hate symbol</source>
        <translation>Símbolo de odio</translation>
    </message>
    <message>
        <source>Violent threat</source>
        <translation>Amenaza violenta</translation>
    </message>
    <message>
        <source>Violent extremism</source>
        <translation>Extremismo violento</translation>
    </message>
    <message>
        <source>Violence</source>
        <translation>Violencia</translation>
    </message>
    <message>
        <source>Graphic violence</source>
        <translation>Violencia gráfica</translation>
    </message>
    <message>
        <source>Graphic content</source>
        <translation>Contenido gráfico</translation>
    </message>
    <message>
        <source>Nudity</source>
        <translation>Desnudez</translation>
    </message>
    <message>
        <source>Adult nudity</source>
        <translation>Desnudez adulta</translation>
    </message>
    <message>
        <source>Self-harm</source>
        <translation>Autolesiones</translation>
    </message>
    <message>
        <source>Misinformation</source>
        <translation>Desinformación</translation>
    </message>
    <message>
        <source>Health misinformation</source>
        <translation>Desinformación sanitaria</translation>
    </message>
    <message>
        <source>Civic integrity</source>
        <translation>Integridad cívica</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Otro</translation>
    </message>
    <message>
        <source>No reason given</source>
        <translation>Sin motivo indicado</translation>
    </message>
</context>
<context>
    <name>relay</name>
    <message>
        <source>Something went wrong inside the workstation (%1); what you recorded is safe. A report is in %2 (Help → Open log folder).</source>
        <translation>Algo falló dentro de la estación de trabajo (%1); lo que registraste está a salvo. Hay un informe en %2 (Ayuda → Abrir la carpeta de registros).</translation>
    </message>
</context>
</TS>
