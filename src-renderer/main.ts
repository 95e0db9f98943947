import { mount } from 'svelte';
import './styles/app.css';
// Settings first: it applies the saved theme and language before the first paint.
import './stores/settings.svelte';
import App from './App.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('#app missing from index.html');
mount(App, { target });
