// Tabs (Chart, Table, Sources) after the WAI-ARIA pattern: the selected tab is the one Tab stop of its list, the
// arrow keys, Home and End move between tabs, and each tab shows its panel.

/** Wires every [role=tablist][data-tabs] under `root`; `onShow(list name, panel id)` runs when a tab is shown. */
export function setUpTabs(root, onShow = () => {}) {
  for (const list of root.querySelectorAll('[role="tablist"][data-tabs]')) {
    const tabs = [...list.querySelectorAll('[role="tab"]')];
    const select = (tab, focus) => {
      for (const t of tabs) {
        const on = t === tab;
        t.setAttribute('aria-selected', String(on));
        t.tabIndex = on ? 0 : -1;
        document.getElementById(t.getAttribute('aria-controls')).hidden = !on;
      }
      if (focus) tab.focus();
      onShow(list.dataset.tabs, tab.getAttribute('aria-controls'));
    };
    list.addEventListener('click', (e) => {
      const tab = e.target.closest('[role="tab"]');
      if (tab) select(tab, false);
    });
    list.addEventListener('keydown', (e) => {
      const i = tabs.indexOf(document.activeElement);
      if (i < 0) return;
      const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
      if (next === undefined) return;
      e.preventDefault();
      select(tabs[(next + tabs.length) % tabs.length], true);
    });
  }
}
