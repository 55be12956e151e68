<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
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
        <source>Relax my stricter media settings for this case</source>
        <translation>Relajar mis ajustes de multimedia más estrictos en este caso</translation>
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
        <source>Sign out and wipe this machine&apos;s cache…</source>
        <translation>Cerrar sesión y borrar la caché de este equipo…</translation>
    </message>
    <message>
        <source>Sign in again (keeps the cache and what waits to be sent)…</source>
        <translation>Volver a iniciar sesión (conserva la caché y lo pendiente de envío)…</translation>
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
