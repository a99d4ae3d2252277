// The methodology page keeps the dashboard's view: links to it carry the view's query, and "Back to the dashboard"
// returns to that view.

const back = document.getElementById('back-link');
if (back && location.search) back.search = location.search;
document.querySelectorAll('a.brand-name').forEach((a) => { if (location.search) a.search = location.search; });
document.body.dataset.ready = 'true';
