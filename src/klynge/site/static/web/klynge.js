// Start Det Fælles Designsystem's components (menus, accordions, …).
if (window.DKFDS) {
  window.DKFDS.init();
}
