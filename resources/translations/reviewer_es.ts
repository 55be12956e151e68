<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
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
        <translation>Si sigue al escritorio, el tema cambia cuando el escritorio pasa de claro a oscuro. Ambos se aplican en cuanto guarda; el idioma cambia en el próximo inicio.</translation>
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
    <name>CalmBreak</name>
    <message>
        <source>A calm moment</source>
        <translation>Un momento de calma</translation>
    </message>
    <message>
        <source>Optional: close it whenever you like (Esc).</source>
        <translation>Opcional: ciérrelo cuando quiera (Esc).</translation>
    </message>
    <message>
        <source>Breathe in… {n}</source>
        <translation>Inspire… {n}</translation>
    </message>
    <message>
        <source>Hold… {n}</source>
        <translation>Mantenga… {n}</translation>
    </message>
    <message>
        <source>Breathe out slowly… {n}</source>
        <translation>Espire despacio… {n}</translation>
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
        <source>{key} confirms {action} ({policy}): {reason}</source>
        <translation>{key} confirma {action} ({policy}): {reason}</translation>
    </message>
</context>
<context>
    <name>ExposureLabel</name>
    <message>
        <source>Today&apos;s decisions: {unseen} without any reveal ({suggested} by the suggested decision), {reduced} after reduced detail, {real} after real pixels.</source>
        <translation>Decisiones de hoy: {unseen} sin mostrar nada ({suggested} con la decisión sugerida), {reduced} tras el detalle reducido, {real} tras los píxeles reales.</translation>
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
        <translation>Responsable (vacío: usted)</translation>
    </message>
    <message>
        <source>From alert (optional)</source>
        <translation>Desde la alerta (opcional)</translation>
    </message>
    <message>
        <source>Sweep cases into the incident</source>
        <translation>Barrer casos hacia el incidente</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Por</translation>
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
        <translation>Seleccione primero un incidente y un caso</translation>
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
        <source>Contained</source>
        <translation>Contenido</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
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
        <translation>Elija una acción, haga clic en el cuadro de abajo y pulse la nueva tecla. Los cambios se guardan en keymap.toml al hacerlos y se aplican la próxima vez que se inicie la estación.</translation>
    </message>
    <message>
        <source>(unbound)</source>
        <translation>(sin tecla)</translation>
    </message>
    <message>
        <source>Choose an action to change its key.</source>
        <translation>Elija una acción para cambiar su tecla.</translation>
    </message>
    <message>
        <source>Press the new key for “{action}”.</source>
        <translation>Pulse la nueva tecla para «{action}».</translation>
    </message>
    <message>
        <source>{key} is already bound to “{other}”: unbind that first, or press another key.</source>
        <translation>{key} ya está asignada a «{other}»: quítela de allí primero o pulse otra tecla.</translation>
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
        <translation>Todas las teclas vuelven a su valor predeterminado; su archivo se conservó como {file}.</translation>
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
        <source>Asking the central API for case {case}…</source>
        <translation>Pidiendo el caso {case} a la API central…</translation>
    </message>
    <message>
        <source>Case {case} is not cached here, and there is no central API to ask (offline demo or no sign-in).</source>
        <translation>El caso {case} no está guardado aquí y no hay API central a la que pedirlo (demo sin conexión o sin sesión).</translation>
    </message>
    <message>
        <source>{case} is not in your work list (closed, or outside the queue and filters shown).</source>
        <translation>{case} no está en tu lista de trabajo (cerrado, o fuera de la cola y los filtros mostrados).</translation>
    </message>
    <message>
        <source>Log folder: %1</source>
        <translation>Carpeta de registros: %1</translation>
    </message>
    <message>
        <source>Log folder: %1 (no file manager answered; open it by hand)</source>
        <translation>Carpeta de registros: %1 (ningún gestor de archivos respondió; ábrala a mano)</translation>
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
        <source>For the break, if you like: {key} shows a calm picture with a slow breathing pace (optional).</source>
        <translation>Para la pausa, si quiere: {key} muestra una imagen tranquila con un ritmo lento de respiración (opcional).</translation>
    </message>
    <message>
        <source>Break noted. If you like, {key} shows a calm picture with a slow breathing pace (optional).</source>
        <translation>Pausa anotada. Si quiere, {key} muestra una imagen tranquila con un ritmo lento de respiración (opcional).</translation>
    </message>
</context>
<context>
    <name>MediaPage</name>
    <message>
        <source>You can only be stricter than your organisation&apos;s presets: what it already holds strict is ticked or unticked and cannot be changed here. Media on screen is shown again with these settings when you save; a category set to never render also stops being downloaded from the next start.</source>
        <translation>Solo puede ser más estricto que los ajustes de su organización: lo que ella ya mantiene estricto aparece marcado o desmarcado y no se puede cambiar aquí. El contenido en pantalla se vuelve a mostrar con estos ajustes al guardar; una categoría que no se muestra nunca deja además de descargarse desde el próximo inicio.</translation>
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
        <translation>Ajuste de su organización: solo puede ser más estricto.</translation>
    </message>
</context>
<context>
    <name>MediaTile</name>
    <message>
        <source>Audio · silent until you hold the listen key (volume capped)</source>
        <translation>Audio · en silencio hasta que mantenga la tecla de escuchar (volumen limitado)</translation>
    </message>
    <message>
        <source>Audio · stays off for this category</source>
        <translation>Audio · apagado para esta categoría</translation>
    </message>
</context>
<context>
    <name>SettingsDesk</name>
    <message>
        <source>Settings saved and applied (key changes apply from the next start).</source>
        <translation>Ajustes guardados y aplicados (los cambios de teclas se aplican desde el próximo inicio).</translation>
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
        <translation>Contenido multimedia</translation>
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
    <name>SuggestedDecision</name>
    <message>
        <source>No suggested decision for this case: its media has no earlier decisions that agree. Decide with the keys as usual.</source>
        <translation>No hay decisión sugerida para este caso: sus medios no tienen decisiones anteriores que coincidan. Decida con las teclas como siempre.</translation>
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
        <translation>Ambos solo pueden ser más cortos que los valores predeterminados ({cap} minutos de exposición al día, una pausa cada {every} minutos). Se aplican en cuanto guarda.</translation>
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
        <source>Reveal media in colour (hold)</source>
        <translation>Mostrar multimedia en color (mantener)</translation>
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
        <translation>Confirmar la decisión sugerida (decisiones anteriores sobre los mismos medios)</translation>
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
        <source>Decisions by what was revealed</source>
        <translation>Decisiones según lo revelado</translation>
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
        <source>A calmer case next: {count} graphic cases in a row. No deadline is at risk; the graphic ones follow.</source>
        <translation>Ahora un caso más tranquilo: {count} casos gráficos seguidos. Ningún plazo corre peligro; los gráficos vienen después.</translation>
    </message>
</context>
<context>
    <name>relay</name>
    <message>
        <source>Something went wrong inside the workstation (%1); what you recorded is safe. A report is in %2 (Help → Open log folder).</source>
        <translation>Algo falló dentro de la estación de trabajo (%1); lo que registró está a salvo. Hay un informe en %2 (Ayuda → Abrir la carpeta de registros).</translation>
    </message>
</context>
</TS>
