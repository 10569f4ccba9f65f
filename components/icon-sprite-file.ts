// Written by scripts/icons.ts: the sprite of the prose's icons, named by its content (public/icons-e1a79df0.svg).
export const ICON_SPRITE = "/icons-e1a79df0.svg";
