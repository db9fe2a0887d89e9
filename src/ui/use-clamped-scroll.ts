/**
 * A scroll offset kept within what a pane can show. The keys only add and subtract; the pane knows
 * how far it can go, and brings the offset back when a key took it past that, so the next key in
 * the other direction moves at once instead of first undoing the overshoot.
 */
import {useEffect} from 'react';
import {useStore} from '../state/hooks.js';

export function useClampedScroll(action: 'scroll-timeline' | 'scroll-side', scroll: number, max: number): void {
	const store = useStore();
	useEffect(() => {
		if (scroll > max) store.dispatch({type: action, delta: max - scroll});
	}, [store, action, scroll, max]);
}
