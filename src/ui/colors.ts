/**
 * Colours go through here so NO_COLOR (https://no-color.org) turns them all off, while bold,
 * inverse and underline — which carry the cursor and the selection — stay.
 */
const noColor = () => Boolean(process.env.NO_COLOR);

export function c<T extends string>(name: T | undefined): T | undefined {
	return noColor() ? undefined : name;
}
